import { nameOf } from '../context';
import { outputThroughDropout, PROBABILITY_FNS } from '../paths';
import type { Rule } from '../types';

const WHY: Record<string, string> = {
  relu: 'ReLU gives 0 for every negative input and has no upper limit, and where it gives 0 its slope is 0 too, so a wrong answer there cannot be corrected.',
  linear: 'a linear output can be any number, and the log of a value ≤ 0 or ≥ 1 is not defined.',
  step: 'step only gives 0 or 1 and its slope is 0 everywhere, so no gradient reaches the weights.',
};

/** bce reads its input as a probability: the output must be squashed into (0, 1). */
export const outputNotProbability: Rule = {
  id: 'output-not-probability',
  summary: 'bce is fed by something that is not a probability (ReLU, linear, step, tanh, a raw Dense…)',
  check(ctx) {
    if (!ctx.lossId || ctx.paramsOf(ctx.lossId)?.fn !== 'bce') return [];
    const out = outputThroughDropout(ctx);
    if (!out) return [];
    const fn = ctx.fnOf(out);
    if (fn !== undefined && (PROBABILITY_FNS.has(fn) || fn === 'softmax')) return [];
    const lead = `${nameOf(ctx, ctx.lossId)} uses bce, which reads its input as a probability between 0 and 1 (it takes log p and log(1 − p)),`;
    if (fn === undefined) {
      return [{
        rule: this.id, node: out,
        message: `${lead} but ${nameOf(ctx, out)} gives raw scores that can be any number. Use bce_logits, which applies the sigmoid inside the loss, stably.`,
        fix: { label: 'Use bce_logits (sigmoid inside the loss)', edits: [{ kind: 'set-param', node: ctx.lossId, param: 'fn', value: 'bce_logits' }] },
      }];
    }
    return [{
      rule: this.id, node: out,
      message: `${lead} but ${nameOf(ctx, out)} applies ${fn}: ${WHY[fn] ?? `${fn} does not keep its output between 0 and 1.`} Use sigmoid on the output.`,
      fix: { label: 'Use sigmoid on the output', edits: [{ kind: 'set-param', node: out, param: 'fn', value: 'sigmoid' }] },
    }];
  },
};
