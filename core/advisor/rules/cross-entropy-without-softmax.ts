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
    if (!out) return [];
    const fn = ctx.fnOf(out);
    if (fn === 'softmax') return [];
    // softmax → sigmoid is its own rule, whose fix (remove the sigmoid) also settles this one.
    if (fn === 'sigmoid' && ctx.fnOf(ctx.sourceOf(out) ?? '') === 'softmax') return [];
    const lead = `${nameOf(ctx, ctx.lossId)} uses cross_entropy, which expects probabilities that sum to 1,`;
    if (fn === undefined) {
      return [{
        rule: this.id, node: ctx.lossId,
        message: `${lead} but ${nameOf(ctx, out)} gives raw scores that can be negative and need not sum to 1, so the loss takes the log of meaningless numbers. Mark the input as logits (softmax is then applied inside the loss, stably) or add a softmax before it.`,
        fix: { label: 'Treat the input as logits', edits: [{ kind: 'set-param', node: ctx.lossId, param: 'logits', value: true }] },
      }];
    }
    return [{
      rule: this.id, node: ctx.lossId,
      message: `${lead} but ${nameOf(ctx, out)} applies ${fn}, which treats each score on its own, so the outputs are not a probability distribution over the classes. Use softmax on the output.`,
      fix: { label: `Use softmax in "${out}"`, edits: [{ kind: 'set-param', node: out, param: 'fn', value: 'softmax' }] },
    }];
  },
};
