import { nameOf } from '../context';
import { outputThroughDropout } from '../paths';
import type { Rule } from '../types';

/** bce needs one output; a softmax over one value is always exactly 1, whatever the input. */
export const softmaxIntoBce: Rule = {
  id: 'softmax-into-bce',
  summary: 'a softmax feeds binary cross-entropy (bce or bce_logits)',
  check(ctx) {
    if (!ctx.lossId) return [];
    const fn = ctx.paramsOf(ctx.lossId)?.fn;
    if (fn !== 'bce' && fn !== 'bce_logits') return [];
    const out = outputThroughDropout(ctx);
    if (!out || ctx.fnOf(out) !== 'softmax') return [];
    const why = `${nameOf(ctx, out)} applies softmax before ${fn}, but softmax turns a single score into exactly 1 every time, so the prediction never changes and nothing learns.`;
    if (fn === 'bce') {
      return [{
        rule: this.id, node: out,
        message: `${why} For a yes/no answer use sigmoid on the one output.`,
        fix: { label: 'Use sigmoid instead of softmax', edits: [{ kind: 'set-param', node: out, param: 'fn', value: 'sigmoid' }] },
      }];
    }
    return [{
      rule: this.id, node: out,
      message: `${why} bce_logits wants the raw score, so remove the softmax.`,
      fix: { label: `Remove the softmax "${out}"`, edits: [{ kind: 'remove-node', node: out }] },
    }];
  },
};
