import type { LrSchedule } from '../graph/schema';

/** What a schedule needs to know about the run: its length in optimizer steps and the steps per epoch. */
export interface ScheduleRun {
  stepsPerEpoch: number;
  totalSteps: number;
}

/**
 * The learning rate of optimizer step `step` (0 for the first step of the run) under `schedule`, for a
 * base rate `lr` (training.optimizer.lr). A pure function of its arguments, so a rerun, the data-parallel
 * helper and the exported PyTorch/Keras scripts (which write the same formula) all agree exactly.
 *
 * - constant (or no schedule): lr at every step.
 * - step: lr · gamma^⌊epoch / everyEpochs⌋, where epoch = ⌊step / stepsPerEpoch⌋ (PyTorch's StepLR, stepped per epoch).
 * - cosine: an optional linear warm-up over the first warmupEpochs (lr·(k+1)/W at step k, so the first step
 *   is not wasted at 0), then half a cosine from lr down towards minLr, reached at the end of the run.
 */
export function scheduledLr(schedule: LrSchedule | undefined, lr: number, step: number, run: ScheduleRun): number {
  return lr * lrFactor(schedule, step, run, lr);
}

/** The multiplier of the base rate at `step` (what PyTorch's LambdaLR and our Keras schedule compute). */
export function lrFactor(schedule: LrSchedule | undefined, step: number, run: ScheduleRun, lr: number): number {
  if (!schedule || schedule.type === 'constant') return 1;
  if (schedule.type === 'step') {
    const epoch = Math.floor(step / run.stepsPerEpoch);
    return Math.pow(schedule.gamma, Math.floor(epoch / schedule.everyEpochs));
  }
  const warmup = warmupSteps(schedule.warmupEpochs ?? 0, run);
  if (step < warmup) return (step + 1) / warmup;
  const floor = Math.min((schedule.minLr ?? 0) / lr, 1);
  const span = Math.max(run.totalSteps - warmup, 1);
  const progress = Math.min((step - warmup) / span, 1);
  return floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
}

/** Warm-up length in whole steps (fractions of an epoch allowed), never the whole run. */
export function warmupSteps(warmupEpochs: number, run: ScheduleRun): number {
  return Math.min(Math.round(warmupEpochs * run.stepsPerEpoch), Math.max(run.totalSteps - 1, 0));
}
