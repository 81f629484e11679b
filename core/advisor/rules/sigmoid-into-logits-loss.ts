import { nameOf } from '../context';
import { outputThroughDropout } from '../paths';
import type { Rule } from '../types';

/** bce_logits applies the sigmoid itself: a sigmoid before it squashes twice. */
export const sigmoidIntoLogitsLoss: Rule = {
  id: 'sigmoid-into-logits-loss',
  summary: 'a sigmoid feeds bce_logits, which applies its own sigmoid',
  check(ctx) {
    if (!ctx.lossId || ctx.paramsOf(ctx.lossId)?.fn !== 'bce_logits') return [];
    const out = outputThroughDropout(ctx);
    if (!out || ctx.fnOf(out) !== 'sigmoid') return [];
    return [{
      rule: this.id, node: out,
      message: `${nameOf(ctx, ctx.lossId)} uses bce_logits, which applies a sigmoid itself, so the sigmoid in ${nameOf(ctx, out)} squashes twice: every prediction lands between 0.5 and 0.73 and a confident answer is impossible. Use bce with the sigmoid, or bce_logits without it.`,
      fix: { label: 'Use bce (the output is already a probability)', edits: [{ kind: 'set-param', node: ctx.lossId, param: 'fn', value: 'bce' }] },
    }];
  },
};
