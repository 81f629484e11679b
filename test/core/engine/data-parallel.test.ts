import { afterAll, describe, expect, it } from 'vitest';
import { reusingSpawner } from '../../../cli/parallel-helper';
import { compileWorkload, freshTrainer } from '../../../core/bench/protocol';
import { buildWorkload } from '../../../core/bench/workloads';
import { paysToSplit, splittable } from '../../../core/engine/data-parallel';
import type { Trainer } from '../../../core/engine/trainer';

/**
 * Data-parallel training over two workers (a real helper worker thread, shared memory): the same seed gives
 * the same run as one worker within float tolerance, and exactly the same run every time with two.
 */
const helpers = reusingSpawner();
afterAll(() => helpers.close());

const w2 = buildWorkload('W2');
const plan = compileWorkload(w2);

/** Losses of 30 steps (spanning an epoch boundary and the partial last batch) and the final weights. */
async function train(workers: 1 | 2): Promise<{ losses: number[]; weights: number[][]; trainer: Trainer }> {
  const t = freshTrainer(w2, plan);
  if (workers === 2) expect(await t.startDataParallel(helpers.spawn)).toBe(2);
  const losses: number[] = [];
  for (let i = 0; i < 30; i++) {
    losses.push(t.trainBatch());
    t.endOfEpoch();
  }
  return { losses, weights: t.exec.params.map((p) => Array.from(p)), trainer: t };
}

describe('data-parallel training (2 workers)', () => {
  it('is chosen automatically only where it pays, and never for batch-coupled or random ops', () => {
    expect(paysToSplit(plan)).toBe(true); // W2: 109k weights × 64 rows
    for (const small of ['W1', 'W3', 'W4'] as const) expect(paysToSplit(compileWorkload(buildWorkload(small)))).toBe(false);
    const withDropout = { ...plan, ops: [...plan.ops, { ...plan.ops[0]!, type: 'Dropout' }] };
    expect(splittable(withDropout)).toBe(false);
  });

  it('equals one worker within float tolerance for the same seed', async () => {
    const one = await train(1);
    const two = await train(2);
    expect(two.trainer.workers).toBe(2);
    for (let i = 0; i < one.losses.length; i++) expect(Math.abs(two.losses[i]! - one.losses[i]!)).toBeLessThan(1e-4);
    let worst = 0;
    one.weights.forEach((w, k) => w.forEach((v, i) => { worst = Math.max(worst, Math.abs(v - two.weights[k]![i]!)); }));
    expect(worst).toBeLessThan(1e-4);
    // Accuracy counts the helper's rows too.
    expect(two.trainer.runningMetrics().accuracy).toBeCloseTo(one.trainer.runningMetrics().accuracy!, 1);
  });

  it('is bit-identical across reruns with two workers', async () => {
    const a = await train(2);
    const b = await train(2);
    expect(b.losses).toEqual(a.losses);
    expect(b.weights).toEqual(a.weights);
  });

  it('allocates no typed arrays per step on the lead', async () => {
    const t = freshTrainer(w2, plan);
    await t.startDataParallel(helpers.spawn);
    t.trainBatch();
    const real = globalThis.Float32Array;
    let constructed = 0;
    globalThis.Float32Array = new Proxy(real, { construct(target, args, nt) { constructed++; return Reflect.construct(target, args, nt); } });
    try {
      for (let i = 0; i < 20; i++) {
        t.trainBatch();
        t.endOfEpoch();
      }
    } finally {
      globalThis.Float32Array = real;
    }
    expect(t.workers).toBe(2);
    expect(constructed).toBe(0);
  });

  it('stays on one worker when the graph says dataParallel: false', async () => {
    const t = freshTrainer({ ...w2, graph: { ...w2.graph, training: { ...w2.graph.training, dataParallel: false } } }, plan);
    expect(await t.startDataParallel(helpers.spawn, true)).toBe(1);
  });
});
