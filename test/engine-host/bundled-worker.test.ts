import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineHost } from '../../electron/engine-host/engine-host';
import type { EngineFrame } from '../../core/protocol/engine';
import { loadExample } from '../helpers/examples';

const root = resolve(import.meta.dirname, '../..');
const host = { current: null as EngineHost | null };
afterAll(() => host.current?.dispose());

// The desktop app starts the esbuild bundle, not the TypeScript entry: prove that bundle trains.
describe('bundled engine worker (as the packaged app runs it)', () => {
  it('builds and trains a run to the end', async () => {
    execFileSync(process.execPath, ['build/build-electron.mjs'], { cwd: root, stdio: 'pipe' });
    const worker = resolve(root, 'dist/electron/engine-worker.mjs');
    expect(existsSync(worker)).toBe(true);
    host.current = new EngineHost({ workerUrl: pathToFileURL(worker) });
    const frames: EngineFrame[] = [];
    host.current.onMessage((m) => {
      if (m.type === 'frame') frames.push(m);
    });
    host.current.start('bundled', loadExample('xor-mlp'), { epochs: 3 });
    const end = Date.now() + 30_000;
    while (!frames.some((f) => f.done || f.state === 'error') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(frames.at(-1)).toMatchObject({ state: 'done', epoch: 3 });
    expect(frames.flatMap((f) => f.epochs)).toHaveLength(3);
  });

  it('answers predict on the dataset rows (needs the build of the test above)', async () => {
    const worker = resolve(root, 'dist/electron/engine-worker.mjs');
    const h = new EngineHost({ workerUrl: pathToFileURL(worker) });
    const a = await h.predict({ type: 'predict', requestId: 'b', graph: loadExample('xor-mlp'), weights: { from: 'initial' }, input: { from: 'dataset', count: 8 } });
    await h.dispose();
    expect(a).toMatchObject({ type: 'prediction', shape: [8, 1], input: { shape: [8, 2] } });
  });
});
