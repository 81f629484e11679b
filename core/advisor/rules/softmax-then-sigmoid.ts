import { nameOf } from '../context';
import type { Rule } from '../types';

/** Squashing probabilities a second time distorts them and flattens the gradient. */
export const softmaxThenSigmoid: Rule = {
  id: 'softmax-then-sigmoid',
  summary: 'a sigmoid right after a softmax',
  check(ctx) {
    const out = [];
    for (const n of ctx.graph.nodes) {
      if (ctx.fnOf(n.id) !== 'sigmoid') continue;
      const src = ctx.sourceOf(n.id);
      if (src === undefined || ctx.fnOf(src) !== 'softmax') continue;
      out.push({
        rule: this.id, node: n.id,
        message: `${nameOf(ctx, n.id)} applies sigmoid to the probabilities ${nameOf(ctx, src)} already made: the results no longer sum to 1 and all land between 0.5 and 0.73, so the classes look almost alike. Softmax alone is the output.`,
        fix: { label: `Remove the sigmoid "${n.id}"`, edits: [{ kind: 'remove-node' as const, node: n.id }] },
      });
    }
    return out;
  },
};
