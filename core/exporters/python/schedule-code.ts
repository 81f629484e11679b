import type { LrSchedule } from '../../graph/schema';
import { pyFloat } from './identifiers';

/**
 * training.schedule in the generated scripts. Both write core/engine/lr-schedule.ts's formula as it
 * is (PyTorch through LambdaLR with `lr_factor`, Keras through a LearningRateSchedule in TensorFlow
 * ops), rather than the frameworks' own cosine classes, whose warm-up and end point differ slightly:
 * the point is that the exported run takes the same rate at every step as NetLoom.
 */

/** A comment naming the schedule, for the top of the schedule section. */
function describeSchedule(s: LrSchedule | undefined): string {
  if (!s || s.type === 'constant') return 'constant (no schedule)';
  if (s.type === 'step') return `step: x${s.gamma} every ${s.everyEpochs} epoch(s)`;
  return `cosine from lr down to ${s.minLr ?? 0}${s.warmupEpochs ? ` after a linear warm-up over ${s.warmupEpochs} epoch(s)` : ''}`;
}

/** `warmup_steps(steps_per_epoch, total_steps)`: JS Math.round is floor(x + 0.5), unlike Python's round. */
function warmupLines(s: Extract<LrSchedule, { type: 'cosine' }>): string[] {
  return [`    warmup = min(math.floor(${pyFloat(s.warmupEpochs ?? 0)} * steps_per_epoch + 0.5), max(total_steps - 1, 0))`];
}

/** Plain-Python `lr_factor(step, steps_per_epoch, total_steps, base_lr)`: the multiplier of the base rate. */
export function lrFactorPython(s: LrSchedule | undefined): string[] {
  const head = [
    'def lr_factor(step, steps_per_epoch, total_steps, base_lr):',
    `    """Learning-rate multiplier at optimizer step \`step\` (0 = the first), as NetLoom: ${describeSchedule(s)}."""`,
  ];
  if (!s || s.type === 'constant') return [...head, '    return 1.0'];
  if (s.type === 'step') return [...head, `    return ${pyFloat(s.gamma)} ** ((step // steps_per_epoch) // ${s.everyEpochs})`];
  return [
    ...head,
    ...warmupLines(s),
    '    if step < warmup:',
    '        return (step + 1) / warmup',
    `    floor = min(${pyFloat(s.minLr ?? 0)} / base_lr, 1.0)`,
    '    progress = min((step - warmup) / max(total_steps - warmup, 1), 1.0)',
    '    return floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * progress))',
  ];
}

/** PyTorch: `make_scheduler(optimizer, steps_per_epoch, epochs)`, stepped after every optimizer step (None when constant). */
export function torchSchedulerPython(s: LrSchedule | undefined): string[] {
  const constant = !s || s.type === 'constant';
  return [
    ...lrFactorPython(s),
    '',
    '',
    'def make_scheduler(optimizer, steps_per_epoch, epochs):',
    '    """training.schedule as a per-step LambdaLR (call scheduler.step() after each optimizer.step())."""',
    ...(constant
      ? ['    return None']
      : [
          '    base_lr = optimizer.param_groups[0]["lr"]',
          '    total_steps = steps_per_epoch * epochs',
          '    return torch.optim.lr_scheduler.LambdaLR(',
          '        optimizer, lambda step: lr_factor(step, steps_per_epoch, total_steps, base_lr))',
        ]),
  ];
}

/**
 * Keras: `learning_rate(lr, steps_per_epoch, epochs)`, the float itself when constant, else a
 * LearningRateSchedule. Keras calls it with the optimizer's step count before the update (0 first), as
 * NetLoom counts; the body is TensorFlow ops because Keras traces it inside the training function.
 */
export function kerasSchedulePython(s: LrSchedule | undefined): string[] {
  const constant = !s || s.type === 'constant';
  if (constant) {
    return [
      'def learning_rate(lr, steps_per_epoch, epochs):',
      '    """training.schedule: constant, so the rate itself."""',
      '    return lr',
    ];
  }
  const body = s.type === 'step'
    ? [
        '        epoch = tf.floor(step / self.steps_per_epoch)',
        `        return self.base_lr * tf.pow(${pyFloat(s.gamma)}, tf.floor(epoch / ${s.everyEpochs}))`,
      ]
    : [
        '        steps_per_epoch, total_steps = self.steps_per_epoch, self.total_steps',
        `    ${warmupLines(s)[0]!}`,
        `        floor = min(${pyFloat(s.minLr ?? 0)} / self.base_lr, 1.0)`,
        '        progress = tf.minimum((step - warmup) / max(total_steps - warmup, 1), 1.0)',
        '        factor = floor + (1 - floor) * 0.5 * (1 + tf.cos(math.pi * progress))',
        '        if warmup > 0:',
        '            factor = tf.where(step < warmup, (step + 1) / warmup, factor)',
        '        return self.base_lr * factor',
      ];
  return [
    'class NetLoomSchedule(keras.optimizers.schedules.LearningRateSchedule):',
    `    """training.schedule, as NetLoom computes it: ${describeSchedule(s)}."""`,
    '',
    '    def __init__(self, base_lr, steps_per_epoch, total_steps):',
    '        self.base_lr, self.steps_per_epoch, self.total_steps = float(base_lr), int(steps_per_epoch), int(total_steps)',
    '',
    '    def __call__(self, step):',
    '        step = tf.cast(step, tf.float32)',
    ...body,
    '',
    '    def get_config(self):',
    '        return {"base_lr": self.base_lr, "steps_per_epoch": self.steps_per_epoch, "total_steps": self.total_steps}',
    '',
    '',
    'def learning_rate(lr, steps_per_epoch, epochs):',
    '    return NetLoomSchedule(lr, steps_per_epoch, steps_per_epoch * epochs)',
  ];
}
