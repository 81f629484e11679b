import { nameOf } from '../context';
import { reachingLoss } from '../paths';
import type { AdvisorWarning, Rule } from '../types';

const RELU_LIKE = new Set(['relu', 'relu6', 'leaky_relu', 'prelu', 'crelu', 'elu', 'selu']);

/** Identical starting weights give identical units and identical gradients: symmetry is never broken. */
export const zeroInit: Rule = {
  id: 'zero-init',
  summary: 'a Dense layer of several units whose weights all start at 0',
  check(ctx) {
    const trained = reachingLoss(ctx);
    const out: AdvisorWarning[] = [];
    for (const n of ctx.graph.nodes) {
      const p = ctx.paramsOf(n.id);
      if (ctx.typeOf(n.id) !== 'Dense' || !p || p.init !== 'zeros' || (p.units as number) < 2 || !trained.has(n.id)) continue;
      const next = ctx.consumersOf(n.id)[0];
      const init = next !== undefined && RELU_LIKE.has(ctx.fnOf(next) ?? '') ? 'he_uniform' : 'xavier_uniform';
      out.push({
        rule: this.id, node: n.id,
        message: `Every weight of ${nameOf(ctx, n.id)} starts at 0, so its ${p.units} units compute the same thing and receive the same gradient: they stay identical forever, as if the layer had one unit. Random initial weights break the tie.`,
        fix: { label: `Initialise "${n.id}" with ${init}`, edits: [{ kind: 'set-param', node: n.id, param: 'init', value: init }] },
      });
    }
    return out;
  },
};
