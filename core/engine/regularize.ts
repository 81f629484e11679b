import type { PlanParam } from '../compiler/plan';
import type { Buf } from '../util/tensor';

export interface RegularizeOptions {
  l1?: number;
  l2?: number;
  clipNorm?: number;
  clipValue?: number;
}

/**
 * Add the gradient of l1·Σ|w| + l2·Σw² (Keras' convention: no ½) for weights marked `decay`, then clip.
 * Norm clipping scales all gradients together by min(1, clipNorm/‖g‖), as torch.nn.utils.clip_grad_norm_.
 */
export function regularizeAndClip(specs: readonly PlanParam[], params: Buf[], grads: Buf[], o: RegularizeOptions): void {
  regularizeAndClipValues(specs, params, grads, o);
  if (o.clipNorm !== undefined) scaleToNorm(grads, Math.sqrt(sumOfSquares(grads)), o.clipNorm);
}

/**
 * The element-wise part (weight penalties, value clipping): data-parallel workers run it on their own
 * range of each tensor (`specs[t]` describes `params[t]`, which may be a range of that tensor).
 */
export function regularizeAndClipValues(specs: readonly PlanParam[], params: Buf[], grads: Buf[], o: RegularizeOptions): void {
  const l1 = o.l1 ?? 0, l2 = o.l2 ?? 0;
  if (l1 > 0 || l2 > 0) {
    for (let t = 0; t < params.length; t++) {
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
}

/** Σ g² over all the buffers, in order (f64). */
export function sumOfSquares(grads: Buf[]): number {
  let sq = 0;
  for (const g of grads) for (let i = 0; i < g.length; i++) sq += g[i]! * g[i]!;
  return sq;
}

/** Scale every gradient by clipNorm/(norm + 1e-6) when the global norm exceeds clipNorm. */
export function scaleToNorm(grads: Buf[], norm: number, clipNorm: number): void {
  if (!(norm > clipNorm)) return;
  const k = clipNorm / (norm + 1e-6);
  for (const g of grads) for (let i = 0; i < g.length; i++) g[i] *= k;
}
