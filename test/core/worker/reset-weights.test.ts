import { describe, expect, it } from 'vitest';
import { compileGraph } from '../../../core/compiler/compile';
import type { EngineMessage } from '../../../core/protocol/engine';
import { encodeWeights, initialWeights } from '../../../core/weights';
import { loadExample } from '../../helpers/examples';
import { workerUnderTest } from './port';

type Of<T extends EngineMessage['type']> = Extract<EngineMessage, { type: T }>;

/** A run started from a weights file (Load weights…, an imported model) resets to that file, not to the seed. */
describe('reset of a run started from weights', () => {
  it('brings back the weights the run started from', async () => {
    const graph = loadExample('xor-mlp');
    const compiled = compileGraph(graph);
    if (!compiled.ok) throw new Error('xor does not compile');
    // Weights no seed gives: the initial ones of another seed.
    const start = encodeWeights(compiled.plan, initialWeights(compiled.plan, 12345));
    const seedOwn = encodeWeights(compiled.plan, initialWeights(compiled.plan, graph.training.seed));
    const w = workerUnderTest();
    w.send({ type: 'start', runId: 'r', graph, options: { epochs: 1000, gridSize: 0, weights: new Uint8Array(start), startPaused: true } });
    await w.until((m): m is Of<'frame'> => m.type === 'frame' && m.state === 'paused');
    const weightsNow = async () => {
      const before = w.messages.length;
      w.send({ type: 'weights', runId: 'r' });
      const end = Date.now() + 20_000;
      for (;;) {
        const m = w.messages.slice(before).find((x): x is Of<'weights'> => x.type === 'weights');
        if (m) return m;
        if (Date.now() > end) throw new Error('no weights message');
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    w.send({ type: 'step', runId: 'r', batches: 5 });
    const trained = await weightsNow();
    expect(trained.step).toBe(5);
    w.send({ type: 'reset', runId: 'r' });
    const back = await weightsNow();
    expect(back.step).toBe(0);
    // The weights file carries step/epoch metadata: compare everything after the header.
    const body = (b: Uint8Array) => Array.from(b.subarray(headerLength(b)));
    expect(body(back.bytes)).toEqual(body(start));
    expect(body(back.bytes)).not.toEqual(body(seedOwn));
    expect(body(trained.bytes)).not.toEqual(body(start));
  });
});

/** safetensors: 8-byte little-endian header length, then the JSON header, then the tensor bytes. */
function headerLength(b: Uint8Array): number {
  return 8 + Number(new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true));
}
