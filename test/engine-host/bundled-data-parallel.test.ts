import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineHost } from '../../electron/engine-host/engine-host';
import type { EngineFrame } from '../../core/protocol/engine';
import type { Graph } from '../../core/graph/schema';
import { loadExample } from '../helpers/examples';

const root = resolve(import.meta.dirname, '../..');
const host = { current: null as EngineHost | null };
afterAll(() => host.current?.dispose());

/** XOR with a wide hidden stack: ~34k weights × 32 rows per step, enough for the automatic choice. */
function wideXor(dataParallel?: boolean): Graph {
  const g = loadExample('xor-mlp');
  const nodes = g.nodes.map((n) => (n.id === 'd1' ? { ...n, params: { ...n.params, units: 256 } } : n));
  nodes.push({ id: 'dx', type: 'Dense', params: { units: 128 } }, { id: 'ax', type: 'Activation', params: { fn: 'tanh' } });
  const edges = g.edges.filter((e) => e.id !== 'e3');
  edges.push({ id: 'x1', source: 'a1', target: 'dx' }, { id: 'x2', source: 'dx', target: 'ax' }, { id: 'x3', source: 'ax', target: 'd2' });
  return { ...g, nodes, edges, training: { ...g.training, batchSize: 32, epochs: 2, ...(dataParallel === undefined ? {} : { dataParallel }) } };
}

async function runToEnd(id: string, graph: Graph): Promise<EngineFrame[]> {
  const frames: EngineFrame[] = [];
  const off = host.current!.onMessage((m) => {
    if (m.type === 'frame' && m.runId === id) frames.push(m);
  });
  host.current!.start(id, graph, {});
  const end = Date.now() + 60_000;
  while (!frames.some((f) => f.done || f.state === 'error') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  off();
  return frames;
}

// The packaged app's bundle (esbuild) must be able to start itself again as the data-parallel helper.
describe('bundled engine worker: data-parallel runs', () => {
  it('a large enough run trains on two workers; dataParallel: false keeps one; both finish alike', async () => {
    execFileSync(process.execPath, ['build/build-electron.mjs'], { cwd: root, stdio: 'pipe' });
    host.current = new EngineHost({ workerUrl: pathToFileURL(resolve(root, 'dist/electron/engine-worker.mjs')) });
    const two = await runToEnd('two', wideXor());
    const one = await runToEnd('one', wideXor(false));
    expect(two.at(-1)).toMatchObject({ state: 'done', epoch: 2 });
    expect(one.at(-1)).toMatchObject({ state: 'done', epoch: 2 });
    expect(two.find((f) => f.start)?.start?.workers).toBe(2);
    expect(one.find((f) => f.start)?.start?.workers).toBe(1);
    const lossOf = (fs: EngineFrame[]) => fs.flatMap((f) => f.epochs).at(-1)!.train.loss;
    expect(Math.abs(lossOf(two) - lossOf(one))).toBeLessThan(1e-4);
  });
});
