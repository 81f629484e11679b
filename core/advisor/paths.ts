import type { AdvisorContext } from './types';

/** Nodes that pass values through unchanged in shape and meaning for the advisor's purposes. */
export function isDropout(ctx: AdvisorContext, id: string): boolean {
  return ctx.typeOf(id) === 'Dropout';
}

/** The network's output as the loss sees it, looking through Dropout nodes (their own rule reports them). */
export function outputThroughDropout(ctx: AdvisorContext): string | undefined {
  let id = ctx.outputId;
  while (id !== undefined && isDropout(ctx, id)) id = ctx.sourceOf(id);
  return id;
}

/** Every node whose output reaches the Loss (the nodes training sends gradients to). */
export function reachingLoss(ctx: AdvisorContext): Set<string> {
  const out = new Set<string>();
  if (!ctx.lossId) return out;
  const stack = [ctx.lossId];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    for (const w of ctx.analysis.structure.inputsOf.get(id) ?? []) if (w) stack.push(w.source);
  }
  return out;
}

/** Activations that squash into a bounded range and flatten at both ends. */
export const SATURATING_FNS: ReadonlySet<string> = new Set(['sigmoid', 'tanh', 'hard_sigmoid', 'softsign']);

/** Activations whose output is never negative. */
export const NON_NEGATIVE_FNS: ReadonlySet<string> = new Set(['relu', 'relu6', 'crelu', 'softplus', 'sigmoid', 'hard_sigmoid', 'step']);

/** Activations whose output is a probability in [0, 1]. */
export const PROBABILITY_FNS: ReadonlySet<string> = new Set(['sigmoid', 'hard_sigmoid']);
