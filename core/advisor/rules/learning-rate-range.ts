import type { Rule } from '../types';

/**
 * Where each optimizer's learning rate usually lies, and the range beyond which the advisor speaks up
 * (ten times outside the usual one). `start` is what the fix sets.
 */
export const LR_RANGES: Record<string, { usual: [number, number]; warn: [number, number]; start: number }> = {
  sgd: { usual: [0.001, 0.5], warn: [1e-4, 1], start: 0.1 },
  rmsprop: { usual: [1e-4, 0.01], warn: [1e-5, 0.1], start: 0.001 },
  adam: { usual: [1e-4, 0.01], warn: [1e-5, 0.1], start: 0.001 },
  adamw: { usual: [1e-4, 0.01], warn: [1e-5, 0.1], start: 0.001 },
};

export const learningRateRange: Rule = {
  id: 'learning-rate-range',
  summary: "a learning rate far outside the optimizer's usual range",
  check(ctx) {
    const { type, lr } = ctx.graph.training.optimizer;
    const r = LR_RANGES[type];
    if (!r || (lr >= r.warn[0] && lr <= r.warn[1])) return [];
    const usual = `about ${r.usual[0]}–${r.usual[1]}`;
    const message = lr > r.warn[1]
      ? `The learning rate ${lr} is far above what ${type} usually needs (${usual}): steps that big overshoot the minimum, so the loss jumps around or blows up to NaN.`
      : `The learning rate ${lr} is far below what ${type} usually needs (${usual}): each step barely moves the weights, so training crawls.`;
    return [{
      rule: this.id, node: null, message,
      fix: { label: `Set the learning rate to ${r.start}`, edits: [{ kind: 'set-training', path: ['optimizer', 'lr'], value: r.start }] },
    }];
  },
};
