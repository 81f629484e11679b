import { nameOf } from '../context';
import { outputThroughDropout } from '../paths';
import type { GraphEdit, Rule } from '../types';

/** Squared or absolute error on class labels learns slowly and does not give probabilities. */
export const mseForClassification: Rule = {
  id: 'mse-for-classification',
  summary: 'mse or mae on a classification dataset',
  check(ctx) {
    if (!ctx.lossId) return [];
    const fn = ctx.paramsOf(ctx.lossId)?.fn;
    const target = ctx.analysis.dataset?.info.target;
    if ((fn !== 'mse' && fn !== 'mae') || !target || target.kind === 'regression') return [];
    const out = outputThroughDropout(ctx);
    const outFn = out === undefined ? undefined : ctx.fnOf(out);
    const edits: GraphEdit[] = [];
    let label: string;
    if (target.kind === 'binary') {
      const squashed = outFn === 'sigmoid' || outFn === 'hard_sigmoid';
      edits.push({ kind: 'set-param', node: ctx.lossId, param: 'fn', value: squashed ? 'bce' : 'bce_logits' });
      label = squashed ? 'Use bce' : 'Use bce_logits';
    } else {
      edits.push({ kind: 'set-param', node: ctx.lossId, param: 'fn', value: 'cross_entropy' });
      if (outFn !== 'softmax') edits.push({ kind: 'set-param', node: ctx.lossId, param: 'logits', value: true });
      label = outFn === 'softmax' ? 'Use cross_entropy' : 'Use cross_entropy on logits';
    }
    const kindText = target.kind === 'binary' ? 'two classes' : `${target.classes} classes`;
    return [{
      rule: this.id, node: ctx.lossId,
      message: `The dataset has ${kindText}, but ${nameOf(ctx, ctx.lossId)} uses ${fn}, which treats the class as a number to get close to rather than a probability to get right: with a sigmoid or softmax output its gradient fades just when the answer is confidently wrong, so learning is slow. Cross-entropy is made for class probabilities.`,
      fix: { label, edits },
    }];
  },
};
