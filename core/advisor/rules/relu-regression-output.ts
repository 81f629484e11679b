import { nameOf } from '../context';
import { NON_NEGATIVE_FNS, outputThroughDropout } from '../paths';
import type { AdvisorContext, Rule } from '../types';

/**
 * Built-in regression datasets whose targets go below 0, for when the caller has not measured the data
 * (`facts.targetRange`). Checked against the generated data in the tests.
 */
export function knownNegativeTargets(dataset: Record<string, unknown>): boolean | undefined {
  if (dataset.name === 'sine' || dataset.name === 'plane') return true;
  if (dataset.name === 'arithmetic') return dataset.op === 'sub';
  return undefined;
}

function needsNegative(ctx: AdvisorContext): { yes: boolean; min?: number } {
  const r = ctx.facts.targetRange;
  if (r) return { yes: r[0] < 0, min: r[0] };
  return { yes: knownNegativeTargets(ctx.graph.training.dataset) === true };
}

/** An output that cannot go below 0 cannot fit targets that do. */
export const reluRegressionOutput: Rule = {
  id: 'relu-regression-output',
  summary: 'a regression output that cannot be negative (ReLU, softplus, sigmoid…) while the targets are',
  check(ctx) {
    if (ctx.analysis.dataset?.info.target.kind !== 'regression') return [];
    const out = outputThroughDropout(ctx);
    const fn = out === undefined ? undefined : ctx.fnOf(out);
    if (out === undefined || fn === undefined || !NON_NEGATIVE_FNS.has(fn)) return [];
    const need = needsNegative(ctx);
    if (!need.yes) return [];
    const targets = need.min !== undefined ? `The targets go down to ${Number(need.min.toPrecision(3))}` : 'The targets include negative values';
    return [{
      rule: this.id, node: out,
      message: `${targets}, but ${nameOf(ctx, out)} uses ${fn}, which never outputs anything below 0, so those targets are out of reach${fn === 'relu' ? ' (and where ReLU outputs 0 its gradient is 0 as well)' : ''}. A regression output is usually linear.`,
      fix: { label: `Use linear in "${out}"`, edits: [{ kind: 'set-param', node: out, param: 'fn', value: 'linear' }] },
    }];
  },
};
