import type { Buf } from '../../util/tensor';
import type { Optimizer, StateAlloc } from './types';

/** RMSprop (PyTorch semantics, no centring): s ← ρs + (1−ρ)g², p ← p − lr·g/(√s + ε); with optional momentum. */
export function createRmsprop(
  sizes: number[], alloc: StateAlloc, o: { lr: number; rho?: number; eps?: number; momentum?: number },
): Optimizer {
  const rho = o.rho ?? 0.99;
  const eps = o.eps ?? 1e-8;
  const mu = o.momentum ?? 0;
  const sq = sizes.map(alloc);
  const buf = mu > 0 ? sizes.map(alloc) : [];
  return {
    step(params: Buf[], grads: Buf[]) {
      const lr = o.lr;
      for (let t = 0; t < params.length; t++) {
        const p = params[t]!, g = grads[t]!, s = sq[t]!;
        for (let i = 0; i < p.length; i++) {
          const gi = g[i]!;
          const si = rho * s[i]! + (1 - rho) * gi * gi;
          s[i] = si;
          const upd = gi / (Math.sqrt(si) + eps);
          if (mu > 0) {
            const b = buf[t]!;
            b[i] = mu * b[i]! + upd;
            p[i] -= lr * b[i]!;
          } else p[i] -= lr * upd;
        }
      }
    },
    reset() {
      for (const s of sq) s.fill(0);
      for (const b of buf) b.fill(0);
    },
  };
}
