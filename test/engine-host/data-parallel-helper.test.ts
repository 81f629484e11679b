import { describe, expect, it } from 'vitest';
import { compileWorkload, freshTrainer } from '../../core/bench/protocol';
import { buildWorkload } from '../../core/bench/workloads';
import { spawnThreadHelper } from '../../electron/engine-host/parallel-helper';

/**
 * The desktop app's data-parallel helper: the engine worker's own entry (worker-entry.ts via
 * worker-dev.mjs here, the bundle in the packaged app) started with `netloomHelper`, trains half of
 * every batch, and the run matches one worker within float tolerance.
 */
describe('desktop data-parallel helper (worker thread from the engine entry)', () => {
  it('trains W2 on two workers like one', async () => {
    const w = buildWorkload('W2');
    const plan = compileWorkload(w);
    const run = async (two: boolean) => {
      const t = freshTrainer(w, plan);
      if (two) expect(await t.startDataParallel(spawnThreadHelper)).toBe(2);
      const losses: number[] = [];
      for (let i = 0; i < 12; i++) {
        losses.push(t.trainBatch());
        t.endOfEpoch();
      }
      t.stopDataParallel();
      return losses;
    };
    const one = await run(false);
    const two = await run(true);
    two.forEach((l, i) => expect(Math.abs(l - one[i]!)).toBeLessThan(1e-4));
  });
});
