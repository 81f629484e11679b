import type { PlanParam } from '../compiler/plan';
import type { Buf } from '../util/tensor';

/**
 * Add the gradient of l1·Σ|w| + l2·Σw² (Keras' convention: no ½) for weights marked `decay`, then clip.
 * Norm clipping scales all gradients together by min(1, clipNorm/‖g‖), as torch.nn.utils.clip_grad_norm_.
 */
export function regularizeAndClip(
  specs: readonly PlanParam[], params: Buf[], grads: Buf[],
  o: { l1?: number; l2?: number; clipNorm?: number; clipValue?: number },
): void {
  const l1 = o.l1 ?? 0, l2 = o.l2 ?? 0;
  if (l1 > 0 || l2 > 0) {
    for (let t = 0; t < specs.length; t++) {
      if (!specs[t]!.decay) continue;
      const p = params[t]!, g = grads[t]!;
      for (let i = 0; i < p.length; i++) {
        const w = p[i]!;
        g[i] += l1 * Math.sign(w) + 2 * l2 * w;
      }
    }
  }
  if (o.clipValue !== undefined) {
    const c = o.clipValue;
    for (const g of grads) for (let i = 0; i < g.length; i++) g[i] = Math.min(c, Math.max(-c, g[i]!));
  }
  if (o.clipNorm !== undefined) {
    let sq = 0;
    for (const g of grads) for (let i = 0; i < g.length; i++) sq += g[i]! * g[i]!;
    const norm = Math.sqrt(sq);
    if (norm > o.clipNorm) {
      const k = o.clipNorm / (norm + 1e-6);
      for (const g of grads) for (let i = 0; i < g.length; i++) g[i] *= k;
    }
  }
}
