import { afterEach, describe, expect, it } from 'vitest';
import { compileWorkload, freshTrainer } from '../../core/bench/protocol';
import { buildWorkload, WORKLOADS } from '../../core/bench/workloads';
import { compileGraph } from '../../core/compiler/compile';
import { getDataset } from '../../core/datasets';
import { Trainer } from '../../core/engine/trainer';
import { noResources } from '../core/datasets/memory-resources';
import { loadExample } from '../helpers/examples';

/**
 * The hot loop must not allocate: once a trainer exists, training steps construct no typed arrays
 * (every buffer, scratch and optimizer moment was made when the plan was instantiated).
 */
const realF32 = globalThis.Float32Array;
const realF64 = globalThis.Float64Array;
let constructed = 0;

function countTypedArrays(): void {
  constructed = 0;
  const count = <T extends object>(C: T): T => new Proxy(C, {
    construct(target, args, newTarget) {
      constructed++;
      return Reflect.construct(target as never, args, newTarget);
    },
  });
  globalThis.Float32Array = count(realF32);
  globalThis.Float64Array = count(realF64);
}

/** Typed arrays constructed over `steps` training steps (after one uncounted warm-up step, which may compile code lazily). */
function typedArraysMadeBy(trainer: { trainBatch(): unknown; endOfEpoch(): unknown }, steps: number): number {
  trainer.trainBatch();
  countTypedArrays();
  for (let i = 0; i < steps; i++) {
    trainer.trainBatch();
    trainer.endOfEpoch();
  }
  const n = constructed;
  globalThis.Float32Array = realF32;
  globalThis.Float64Array = realF64;
  return n;
}

afterEach(() => {
  globalThis.Float32Array = realF32;
  globalThis.Float64Array = realF64;
});

describe('training steps allocate no typed arrays', () => {
  for (const name of WORKLOADS) {
    it(name, () => {
      const w = buildWorkload(name);
      const trainer = freshTrainer(w, compileWorkload(w));
      expect(typedArraysMadeBy(trainer, 20)).toBe(0);
      // The counter itself works.
      countTypedArrays();
      new Float32Array(1);
      expect(constructed).toBe(1);
    });
  }
});

describe('a CNN training step allocates no typed arrays', () => {
  it('Conv2D (groups, stride, padding), BatchNorm, MaxPool2D, AvgPool2D, Permute, Reshape, GlobalAvgPool, log_softmax', async () => {
    const { shapesDataset } = await import('../../core/datasets/shapes');
    const { parseGraphText } = await import('../../core/graph/io');
    const chain: [string, Record<string, unknown>][] = [
      ['Input', {}], ['Conv2D', { filters: 4, padding: 'same', groups: 1 }], ['BatchNorm', {}], ['Activation', { fn: 'relu' }],
      ['MaxPool2D', {}], ['Conv2D', { filters: 4, groups: 2, stride: 2, padding: 1 }], ['AvgPool2D', { padding: 'same' }],
      ['Permute', { axes: [1, 3, 2] }], ['Reshape', { shape: [4, -1] }], ['GlobalAvgPool', {}], ['Dense', { units: 4 }],
      ['Activation', { fn: 'log_softmax' }], ['Activation', { fn: 'softmax' }], ['Loss', { fn: 'cross_entropy' }],
    ];
    const graph = {
      format: 'netloom-graph', version: 1,
      nodes: chain.map(([type, params], i) => ({ id: `n${i}`, type, params })),
      edges: chain.slice(1).map((_, i) => ({ id: `e${i}`, source: `n${i}`, target: `n${i + 1}` })),
      training: { dataset: { name: 'shapes', samples: 64 }, optimizer: { type: 'adam', lr: 0.01 }, batchSize: 8, epochs: 1, seed: 1 },
    };
    const parsed = parseGraphText(JSON.stringify(graph));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const compiled = compileGraph(parsed.graph);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const data = await shapesDataset.load({ samples: 64 }, 1, { readText: async () => '', mnistDigits: async () => [] });
    const trainer = new Trainer(compiled.plan, data, parsed.graph.training);
    expect(typedArraysMadeBy(trainer, 20)).toBe(0);
    expect(trainer.exec.backend).toBe('wasm');
  });
});

describe('recurrent training steps allocate no typed arrays', () => {
  it.each(['copy-first-lstm', 'copy-first-gru', 'copy-first-simple-rnn'])('%s (Embedding + recurrent layer, backward through 30 steps)', async (name) => {
    const graph = loadExample(name);
    graph.training = { ...graph.training, dataset: { ...graph.training.dataset, samples: 400 } };
    const kind = getDataset('copy-first')!;
    const data = await kind.load(graph.training.dataset as never, 1, noResources);
    const compiled = compileGraph(graph, { datasetInfo: data.info });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const trainer = new Trainer(compiled.plan, data, graph.training);
    expect(typedArraysMadeBy(trainer, 12)).toBe(0);
    expect(trainer.exec.backend).toBe('wasm'); // so the wasm cells (32 units) are the ones counted
  });
});
