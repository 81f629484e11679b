import { afterAll, describe, expect, it } from 'vitest';
import { reusingSpawner } from '../../../cli/parallel-helper';
import { compileWorkload, freshTrainer } from '../../../core/bench/protocol';
import { buildWorkload, type Workload } from '../../../core/bench/workloads';
import { splitAt } from '../../../core/engine/data-parallel-shared';
import type { Trainer } from '../../../core/engine/trainer';
import type { TrainingConfig } from '../../../core/graph/schema';

/**
 * The update split between the two workers (each steps its optimizer over its half of every tensor):
 * every optimizer and regulariser, clipping by the global norm (summed over both halves), a one-row last
 * batch, a reset mid-run, the gradients the layer statistics read, and a helper replaced after a stop.
 */
const helpers = reusingSpawner();
afterAll(() => helpers.close());

const w2 = buildWorkload('W2');

function variant(training: Partial<TrainingConfig>): Workload {
  return { ...w2, graph: { ...w2.graph, training: { ...w2.graph.training, ...training } } };
}

async function trainer(w: Workload, workers: 1 | 2): Promise<Trainer> {
  const t = freshTrainer(w, compileWorkload(w));
  if (workers === 2) expect(await t.startDataParallel(helpers.spawn, true)).toBe(2);
  return t;
}

function run(t: Trainer, steps: number): number[] {
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    losses.push(t.trainBatch());
    t.endOfEpoch();
  }
  return losses;
}

function worstDiff(a: ArrayLike<number>[], b: ArrayLike<number>[]): number {
  let worst = 0;
  a.forEach((x, k) => {
    for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i]! - b[k]![i]!));
  });
  return worst;
}

const weights = (t: Trainer) => t.exec.params.map((p) => Float32Array.from(p));

describe('data-parallel update shared by both workers', () => {
  const settings: [string, Partial<TrainingConfig>][] = [
    ['AdamW, clipNorm, l1 and l2', { optimizer: { type: 'adamw', lr: 1e-3, weightDecay: 0.05 }, clipNorm: 0.5, l1: 1e-4, l2: 1e-3 }],
    ['SGD with Nesterov momentum, clipValue', { optimizer: { type: 'sgd', lr: 0.05, momentum: 0.9, nesterov: true }, clipValue: 0.01 }],
    ['RMSprop with momentum', { optimizer: { type: 'rmsprop', lr: 1e-3, momentum: 0.5 } }],
    // The rate changes every step: the helper must step its half with the lead's scheduled rate.
    ['Adam with a cosine schedule and warm-up', { optimizer: { type: 'adam', lr: 1e-2 }, schedule: { type: 'cosine', warmupEpochs: 0.5 } }],
  ];
  for (const [name, training] of settings) {
    it(`${name}: equals one worker within float tolerance and reruns bit-identically`, async () => {
      const w = variant(training);
      const one = await trainer(w, 1);
      const lossesOne = run(one, 20);
      const two = await trainer(w, 2);
      const lossesTwo = run(two, 20);
      const again = await trainer(w, 2);
      const lossesAgain = run(again, 20);
      lossesOne.forEach((l, i) => expect(Math.abs(lossesTwo[i]! - l)).toBeLessThan(1e-4));
      const worst = worstDiff(weights(one), weights(two));
      expect(worst).toBeLessThan(1e-4);
      expect(worst).toBeGreaterThan(0); // two workers really ran (their half-batch means round differently)
      expect(lossesAgain).toEqual(lossesTwo);
      expect(weights(again)).toEqual(weights(two));
    });
  }

  it('clips by the norm of the whole gradient, not of each half', async () => {
    // One SGD step with a clipNorm far below the gradient's norm: the update is lr·clipNorm·g/‖g‖. A norm
    // taken over one half only would scale that half's update by about √2 more.
    const w = variant({ optimizer: { type: 'sgd', lr: 10 }, clipNorm: 1e-3 });
    const one = await trainer(w, 1);
    const two = await trainer(w, 2);
    const start = weights(one);
    run(one, 1);
    run(two, 1);
    const d1 = weights(one).map((p, k) => p.map((v, i) => v - start[k]![i]!));
    const d2 = weights(two).map((p, k) => p.map((v, i) => v - start[k]![i]!));
    let scale = 0;
    for (const d of d1) for (const v of d) scale = Math.max(scale, Math.abs(v));
    expect(scale).toBeGreaterThan(1e-5);
    expect(worstDiff(d1, d2)).toBeLessThan(1e-2 * scale);
  });

  it('trains a last batch of one row (the lead alone) like one worker', async () => {
    const w = variant({ batchSize: 73 }); // 512 = 7 × 73 + 1
    const one = await trainer(w, 1);
    const two = await trainer(w, 2);
    expect(two.batchesPerEpoch).toBe(8);
    const a = run(one, 17), b = run(two, 17);
    a.forEach((l, i) => expect(Math.abs(b[i]! - l)).toBeLessThan(1e-4));
    expect(worstDiff(weights(one), weights(two))).toBeLessThan(1e-4);
  });

  it('leaves the whole batch\'s gradients after an epoch\'s last batch (what layer statistics read)', async () => {
    const one = await trainer(w2, 1);
    const two = await trainer(w2, 2);
    run(one, one.batchesPerEpoch);
    run(two, two.batchesPerEpoch);
    const g1 = one.exec.paramGrads[0]!, g2 = two.exec.paramGrads[0]!;
    const at = splitAt(g1.length);
    let scale = 0;
    for (let i = 0; i < g1.length; i++) scale = Math.max(scale, Math.abs(g1[i]!));
    // The helper's range in particular: without it the lead keeps its own half-batch gradients there.
    let worstHelper = 0;
    for (let i = at; i < g1.length; i++) worstHelper = Math.max(worstHelper, Math.abs(g1[i]! - g2[i]!));
    expect(scale).toBeGreaterThan(0);
    expect(worstHelper).toBeLessThan(1e-3 * scale);
  });

  it('leaves the whole batch\'s gradients after a stats batch inside the epoch too (statsStride)', async () => {
    const one = await trainer(w2, 1);
    const two = await trainer(w2, 2);
    one.statsStride = two.statsStride = 3;
    run(one, 3);
    run(two, 3);
    expect(two.statsDueWithinEpoch()).toBe(true);
    const g1 = one.exec.paramGrads[0]!, g2 = two.exec.paramGrads[0]!;
    const at = splitAt(g1.length);
    let scale = 0, worstHelper = 0;
    for (let i = 0; i < g1.length; i++) scale = Math.max(scale, Math.abs(g1[i]!));
    for (let i = at; i < g1.length; i++) worstHelper = Math.max(worstHelper, Math.abs(g1[i]! - g2[i]!));
    expect(scale).toBeGreaterThan(0);
    expect(worstHelper).toBeLessThan(1e-3 * scale);
  });

  it('starts over on reset: the helper takes the new weights and forgets its optimizer state', async () => {
    const t = await trainer(w2, 2);
    const first = run(t, 10);
    const weightsAfter = weights(t);
    t.reset(); // the seed's initial weights, optimizer at step 0
    const reference = await trainer(w2, 1);
    reference.reset();
    const second = run(t, 10);
    const oneWorker = run(reference, 10);
    second.forEach((l, i) => expect(Math.abs(l - oneWorker[i]!)).toBeLessThan(1e-4));
    expect(second).not.toEqual(first); // different starting weights (the seed's, not the bench's)
    expect(worstDiff(weights(t), weights(reference))).toBeLessThan(1e-4);
    expect(worstDiff(weights(t), weightsAfter)).toBeGreaterThan(0);
  });

  it('gives a new trainer a working helper after the last one was stopped', async () => {
    const a = await trainer(w2, 2);
    const lossesA = run(a, 3);
    a.stopDataParallel();
    expect(a.workers).toBe(1);
    const b = await trainer(w2, 2); // the same reusing spawner: must not hand back the stopped helper
    expect(run(b, 3)).toEqual(lossesA);
  });
});
