import { afterAll, describe, expect, it } from 'vitest';
import { reusingSpawner } from '../../../cli/parallel-helper';
import { compileWorkload, freshTrainer } from '../../../core/bench/protocol';
import { buildWorkload } from '../../../core/bench/workloads';
import { paysToSplit } from '../../../core/engine/data-parallel';

/**
 * LeNet-5 (W5) on two workers: convolutions, pooling and ReLU on the wasm kernels in both workers. The
 * automatic choice takes it (62k weights × 64 rows, and the convolutions do far more work than that says),
 * two workers follow one within float tolerance, and rerun bit-identically.
 */
const helpers = reusingSpawner();
afterAll(() => helpers.close());

const w5 = buildWorkload('W5');
const plan = compileWorkload(w5);

async function train(workers: 1 | 2): Promise<{ losses: number[]; weights: number[][] }> {
  const t = freshTrainer(w5, plan);
  // Not forced: the automatic choice must take W5.
  if (workers === 2) expect(await t.startDataParallel(helpers.spawn)).toBe(2);
  const losses: number[] = [];
  for (let i = 0; i < 12; i++) {
    losses.push(t.trainBatch());
    t.endOfEpoch();
  }
  expect(t.exec.backend).toBe('wasm');
  expect(t.workers).toBe(workers);
  return { losses, weights: t.exec.params.map((p) => Array.from(p)) };
}

describe('W5 data-parallel (2 workers)', () => {
  it('is chosen automatically', () => {
    expect(paysToSplit(plan)).toBe(true);
  });

  it('follows one worker within float tolerance and reruns bit-identically', async () => {
    const one = await train(1);
    const two = await train(2);
    const again = await train(2);
    for (let i = 0; i < one.losses.length; i++) expect(Math.abs(two.losses[i]! - one.losses[i]!)).toBeLessThan(1e-4);
    let worst = 0;
    one.weights.forEach((w, k) => w.forEach((v, i) => { worst = Math.max(worst, Math.abs(v - two.weights[k]![i]!)); }));
    expect(worst).toBeLessThan(1e-4);
    expect(worst).toBeGreaterThan(0); // the halves really were split (their means round differently)
    expect(again.losses).toEqual(two.losses);
    expect(again.weights).toEqual(two.weights);
  });
});
