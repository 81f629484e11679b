import { nameOf } from '../context';
import type { Rule } from '../types';

/**
 * cross_entropy reads probabilities unless `logits` is set. The compiler fuses a softmax feeding it
 * (the loss then reads the softmax's input); anything else reaches the log as it is.
 */
export const crossEntropyWithoutSoftmax: Rule = {
  id: 'cross-entropy-without-softmax',
  summary: 'cross_entropy reads raw scores without softmax and without logits: true',
  check(ctx) {
    if (!ctx.lossId) return [];
    const p = ctx.paramsOf(ctx.lossId);
    if (!p || p.fn !== 'cross_entropy' || p.logits === true) return [];
    const out = ctx.outputId;
    if (!out || ctx.fnOf(out) === 'softmax') return [];
    return [{
      rule: this.id, node: ctx.lossId,
      message: `${nameOf(ctx, ctx.lossId)} uses cross_entropy, which expects probabilities, but ${nameOf(ctx, out)} gives raw scores that need not be positive or sum to 1, so the loss takes the log of meaningless numbers. Mark the input as logits (softmax is then applied inside the loss) or add a softmax before it.`,
      fix: { label: 'Treat the input as logits', edits: [{ kind: 'set-param', node: ctx.lossId, param: 'logits', value: true }] },
    }];
  },
};
