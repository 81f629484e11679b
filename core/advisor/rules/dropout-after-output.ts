import { nameOf, ownsParams } from '../context';
import type { AdvisorWarning, Rule } from '../types';

/** Dropout between the last trainable layer and the loss corrupts the prediction itself. */
export const dropoutAfterOutput: Rule = {
  id: 'dropout-after-output',
  summary: 'a Dropout after the last trainable layer (it drops parts of the prediction)',
  check(ctx) {
    const out: AdvisorWarning[] = [];
    for (const n of ctx.graph.nodes) {
      if (ctx.typeOf(n.id) !== 'Dropout' || !reachesLossWithoutLayer(n.id)) continue;
      out.push({
        rule: this.id, node: n.id,
        message: `${nameOf(ctx, n.id)} comes after the last trainable layer, so during training it zeroes parts of the prediction itself: the loss then punishes answers the network never gave, and no later layer can make up for it. Put dropout between hidden layers.`,
        fix: { label: `Remove the dropout "${n.id}"`, edits: [{ kind: 'remove-node', node: n.id }] },
      });
    }
    return out;

    function reachesLossWithoutLayer(start: string): boolean {
      const seen = new Set<string>();
      const stack = ctx.consumersOf(start);
      while (stack.length) {
        const id = stack.pop()!;
        if (seen.has(id)) continue;
        seen.add(id);
        if (id === ctx.lossId) return true;
        if (!ownsParams(ctx, id)) stack.push(...ctx.consumersOf(id));
      }
      return false;
    }
  },
};
