import { describe, expect, it } from 'vitest';
import { scheduledLr, warmupSteps } from '../../../core/engine/lr-schedule';
import { Trainer } from '../../../core/engine/trainer';
import { parseGraphObject } from '../../../core/graph/io';
import type { LrSchedule, TrainingConfig } from '../../../core/graph/schema';
import { loadExample } from '../../helpers/examples';
import { compileOrThrow, loadData } from '../../exporters/helpers/reference-run';

const RUN = { stepsPerEpoch: 10, totalSteps: 30 };
const lrs = (s: LrSchedule | undefined, lr = 0.1, run = RUN) => Array.from({ length: run.totalSteps }, (_, k) => scheduledLr(s, lr, k, run));

describe('learning-rate schedules', () => {
  it('constant (and no schedule) keep the base rate at every step', () => {
    expect(new Set(lrs(undefined))).toEqual(new Set([0.1]));
    expect(new Set(lrs({ type: 'constant' }))).toEqual(new Set([0.1]));
  });

  it('step multiplies by gamma every N epochs, as StepLR stepped once per epoch', () => {
    const v = lrs({ type: 'step', everyEpochs: 1, gamma: 0.5 });
    expect(v.slice(0, 10).every((x) => x === 0.1)).toBe(true);
    expect(v.slice(10, 20).every((x) => x === 0.05)).toBe(true);
    expect(v.slice(20).every((x) => x === 0.025)).toBe(true);
    const every2 = lrs({ type: 'step', everyEpochs: 2, gamma: 0.1 });
    expect(every2[19]).toBe(0.1);
    expect(every2[20]).toBeCloseTo(0.01, 15);
  });

  it('cosine without warm-up starts at lr, is half-way at mid-run and ends near minLr', () => {
    const v = lrs({ type: 'cosine', minLr: 0.01 });
    expect(v[0]).toBe(0.1);
    expect(v[15]).toBeCloseTo(0.055, 12); // 0.01 + 0.09 · ½(1 + cos(π/2))
    // Values PyTorch's LambdaLR gives with our factor: 0.01 + 0.09·½(1 + cos(π·29/30)) at the last step.
    expect(v[29]).toBeCloseTo(0.01 + 0.09 * 0.5 * (1 + Math.cos((Math.PI * 29) / 30)), 15);
    for (let k = 1; k < v.length; k++) expect(v[k]!).toBeLessThan(v[k - 1]!);
  });

  it('cosine with warm-up climbs linearly to lr, then decays from it', () => {
    const s: LrSchedule = { type: 'cosine', warmupEpochs: 0.5 };
    expect(warmupSteps(0.5, RUN)).toBe(5);
    const v = lrs(s);
    expect(v.slice(0, 5).map((x) => +x.toFixed(12))).toEqual([0.02, 0.04, 0.06, 0.08, 0.1]);
    expect(v[5]).toBe(0.1);
    expect(v[29]).toBeCloseTo(0.1 * 0.5 * (1 + Math.cos((Math.PI * 24) / 25)), 15);
  });

  it('a warm-up longer than the run still leaves the last step its decay', () => {
    expect(warmupSteps(10, RUN)).toBe(29);
    expect(scheduledLr({ type: 'cosine', warmupEpochs: 10 }, 1, 29, RUN)).toBe(1);
  });

  it('the graph format validates a schedule and names the field', () => {
    const g = loadExample('xor-mlp');
    const bad = parseGraphObject({ ...g, training: { ...g.training, schedule: { type: 'step', everyEpochs: 0, gamma: 2 } } });
    expect(bad.ok).toBe(false);
    const paths = bad.ok ? [] : bad.problems.map((p) => p.path);
    expect(paths).toContain('training.schedule.everyEpochs');
    expect(paths).toContain('training.schedule.gamma');
    const unknown = parseGraphObject({ ...g, training: { ...g.training, schedule: { type: 'linear' } } });
    expect(unknown.ok).toBe(false);
    expect(unknown.ok ? [] : unknown.problems.map((p) => p.path)).toContain('training.schedule.type');
    const good = parseGraphObject({ ...g, training: { ...g.training, schedule: { type: 'cosine', warmupEpochs: 0.25 } } });
    expect(good.ok && good.graph.training.schedule).toEqual({ type: 'cosine', warmupEpochs: 0.25 });
    // Files without a schedule (all older ones) stay valid and constant.
    expect(parseGraphObject(g).ok && 'schedule' in g.training).toBe(false);
  });
});

describe('a run with a schedule', () => {
  it('each SGD step moves the weights by the scheduled rate × the gradient', async () => {
    const graph = loadExample('xor-mlp');
    const config: TrainingConfig = { ...graph.training, optimizer: { type: 'sgd', lr: 0.2 }, epochs: 3, schedule: { type: 'cosine', warmupEpochs: 1 } };
    const g = { ...graph, training: config };
    const data = await loadData(g);
    const trainer = new Trainer(compileOrThrow(g, data), data, config);
    const total = 3 * trainer.batchesPerEpoch;
    const seen: number[] = [];
    for (let k = 0; k < total; k++) {
      const lr = trainer.learningRate();
      expect(lr).toBe(scheduledLr(config.schedule, 0.2, k, { stepsPerEpoch: trainer.batchesPerEpoch, totalSteps: total }));
      const before = Float64Array.from(trainer.exec.params[0]!);
      trainer.trainBatch();
      const grad = trainer.exec.paramGrads[0]!;
      const after = trainer.exec.params[0]!;
      // float32 weights: compare the update with the rate the step should have used.
      for (let i = 0; i < after.length; i += 3) expect(after[i]!).toBeCloseTo(Math.fround(before[i]! - lr * grad[i]!), 6);
      seen.push(lr);
      trainer.endOfEpoch();
    }
    expect(seen[0]).toBeCloseTo(0.2 / trainer.batchesPerEpoch, 12);
    expect(Math.max(...seen)).toBeCloseTo(0.2, 12);
    expect(seen.at(-1)!).toBeLessThan(0.01);
  });
});
