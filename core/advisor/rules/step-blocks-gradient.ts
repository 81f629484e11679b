import { hasTrainableUpstream, nameOf } from '../context';
import { reachingLoss } from '../paths';
import type { AdvisorWarning, Rule } from '../types';

/** The step function's slope is 0 everywhere: layers before it receive no gradient at all. */
export const stepBlocksGradient: Rule = {
  id: 'step-blocks-gradient',
  summary: 'a step activation between trainable layers and the loss (its gradient is zero)',
  check(ctx) {
    const trained = reachingLoss(ctx);
    const out: AdvisorWarning[] = [];
    for (const n of ctx.graph.nodes) {
      if (ctx.fnOf(n.id) !== 'step' || !trained.has(n.id) || !hasTrainableUpstream(ctx, n.id)) continue;
      out.push({
        rule: this.id, node: n.id,
        message: `${nameOf(ctx, n.id)} uses step, whose slope is 0 everywhere (it jumps from 0 to 1 without a ramp), so no gradient passes back through it and the weights before it never change. Sigmoid is a smooth step that does pass a gradient.`,
        fix: { label: `Use sigmoid in "${n.id}"`, edits: [{ kind: 'set-param', node: n.id, param: 'fn', value: 'sigmoid' }] },
      });
    }
    return out;
  },
};
