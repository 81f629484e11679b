import { describe, expect, it } from 'vitest';
import { scheduledLr } from '../../core/engine/lr-schedule';
import { exportKeras } from '../../core/exporters/keras';
import { kerasSchedulePython } from '../../core/exporters/python/schedule-code';
import type { LrSchedule } from '../../core/graph/schema';
import { loadExample } from '../helpers/examples';
import { hasPythonModule, runPython } from './helpers/python';

/**
 * TensorFlow cannot be installed for the tests, so the Keras script's LearningRateSchedule is run
 * with a stand-in for the few TensorFlow ops it uses (cast, floor, pow, minimum, cos, where — on numpy,
 * which has the same elementwise meaning) and compared with NetLoom's rate at every step of a run.
 * That checks the formula and the step counting; that Keras calls it with the pre-update step count
 * is Keras' documented behaviour, not re-checked here.
 */
const STUB = `
import math, sys, types
import numpy as np
tf = types.SimpleNamespace(cast=lambda x, d: np.float32(x), float32=np.float32, floor=np.floor, pow=np.power,
                           minimum=np.minimum, cos=np.cos, where=np.where)
keras = types.SimpleNamespace(optimizers=types.SimpleNamespace(schedules=types.SimpleNamespace(LearningRateSchedule=object)))
`;

const SCHEDULES: LrSchedule[] = [
  { type: 'cosine', warmupEpochs: 0.25, minLr: 0.0005 },
  { type: 'cosine' },
  { type: 'step', everyEpochs: 2, gamma: 0.5 },
];

describe.skipIf(!hasPythonModule('numpy'))('Keras export of a learning-rate schedule', () => {
  it.each(SCHEDULES.map((s) => [JSON.stringify(s), s] as const))('%s gives NetLoom\'s rate at every step', (_label, s) => {
    const run = { stepsPerEpoch: 37, totalSteps: 37 * 5 };
    const code = [STUB, ...kerasSchedulePython(s), '',
      `sched = learning_rate(0.01, ${run.stepsPerEpoch}, 5)`,
      `print(",".join(repr(float(sched(k))) for k in range(${run.totalSteps})))`].join('\n');
    const got = runPython(['-c', code]).trim().split(',').map(Number);
    expect(got).toHaveLength(run.totalSteps);
    got.forEach((lr, k) => {
      const want = scheduledLr(s, 0.01, k, run);
      // float32 in TensorFlow's arithmetic: agreement to float32 precision.
      expect(Math.abs(lr - want), `step ${k}: keras ${lr}, NetLoom ${want}`).toBeLessThan(1e-6 * 0.01 + 1e-9);
    });
  });

  it('the script passes the schedule to the optimizer and places it over the run', () => {
    const g = loadExample('lenet5-mnist');
    const script = exportKeras({ ...g, training: { ...g.training, schedule: { type: 'cosine', warmupEpochs: 0.25 } } })[0]!.contents;
    expect(script).toContain('class NetLoomSchedule(keras.optimizers.schedules.LearningRateSchedule):');
    expect(script).toContain('learning_rate=learning_rate(lr, steps_per_epoch, epochs)');
    expect(script).toContain('steps_per_epoch = math.ceil(len(x_train) / args.batch_size)');
    const constant = exportKeras({ ...g, training: { ...g.training, schedule: undefined } })[0]!.contents;
    expect(constant).not.toContain('NetLoomSchedule');
  });
});
