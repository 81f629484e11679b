import { nameOf } from '../context';
import { outputThroughDropout, SATURATING_FNS } from '../paths';
import type { GraphEdit, Rule } from '../types';

/** This many squashing hidden layers in a row, with no LayerNorm between, is where gradients fade. */
export const DEEP_STACK = 4;

/**
 * Each sigmoid or tanh multiplies the gradient by its slope on the way back (at most 0.25 for sigmoid,
 * 1 for tanh, and much less once units saturate), so a long chain of them starves the first layers.
 */
export const deepSaturatingStack: Rule = {
  id: 'deep-saturating-stack',
  summary: `${DEEP_STACK} or more sigmoid/tanh hidden layers in a row without normalisation (vanishing gradients)`,
  check(ctx) {
    const output = outputThroughDropout(ctx);
    let best: string[] = [];
    for (const n of ctx.graph.nodes) {
      const chain = saturatingChainEndingAt(n.id);
      if (chain.length > best.length) best = chain;
    }
    if (best.length < DEEP_STACK) return [];
    const first = best[best.length - 1]!;
    const fns = [...new Set(best.map((id) => ctx.fnOf(id)!))].join('/');
    const edits: GraphEdit[] = best.map((id) => ({ kind: 'set-param', node: id, param: 'fn', value: 'relu' }));
    return [{
      rule: this.id, node: first,
      message: `${best.length} ${fns} layers in a row, from ${nameOf(ctx, first)} on, with no normalisation between them: on the way back each one multiplies the gradient by its slope (${fns.includes('sigmoid') ? 'at most 0.25 for sigmoid' : 'at most 1, and far less once units saturate'}), so the first layers get almost no gradient and barely learn. Use ReLU in the hidden layers, or add LayerNorm.`,
      fix: { label: 'Use relu in these hidden layers', edits },
    }];

    /** The hidden saturating activations met walking up from `id` (newest first), reset by LayerNorm. */
    function saturatingChainEndingAt(id: string): string[] {
      const chain: string[] = [];
      let at: string | undefined = id;
      const seen = new Set<string>();
      while (at !== undefined && !seen.has(at)) {
        seen.add(at);
        const t = ctx.typeOf(at);
        if (t === 'LayerNorm') break;
        const fn = ctx.fnOf(at);
        if (fn !== undefined && SATURATING_FNS.has(fn) && at !== output) chain.push(at);
        else if (t === 'Activation' && at !== output) break;
        at = ctx.sourceOf(at);
      }
      return chain;
    }
  },
};
