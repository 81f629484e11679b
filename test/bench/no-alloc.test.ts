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

afterEach(() => {
  globalThis.Float32Array = realF32;
  globalThis.Float64Array = realF64;
});

describe('training steps allocate no typed arrays', () => {
  for (const name of WORKLOADS) {
    it(name, () => {
      const w = buildWorkload(name);
      const trainer = freshTrainer(w, compileWorkload(w));
      trainer.trainBatch(); // first step outside the count: lazily compiled code may allocate once
      countTypedArrays();
      for (let i = 0; i < 20; i++) {
        trainer.trainBatch();
        trainer.endOfEpoch();
      }
      const n = constructed;
      globalThis.Float32Array = realF32;
      globalThis.Float64Array = realF64;
      expect(n).toBe(0);
      // The counter itself works.
      countTypedArrays();
      new Float32Array(1);
      expect(constructed).toBe(1);
    });
  }
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
    trainer.trainBatch();
    countTypedArrays();
    for (let i = 0; i < 12; i++) {
      trainer.trainBatch();
      trainer.endOfEpoch();
    }
    const n = constructed;
    globalThis.Float32Array = realF32;
    globalThis.Float64Array = realF64;
    expect(n).toBe(0);
  });
});
