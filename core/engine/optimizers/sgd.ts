import type { Buf } from '../../util/tensor';
import type { Optimizer, StateAlloc } from './types';

/** SGD with optional momentum and Nesterov momentum (PyTorch semantics: v ← μv + g, v₀ = 0 so the first v is g). */
export function createSgd(sizes: number[], alloc: StateAlloc, o: { lr: number; momentum?: number; nesterov?: boolean }): Optimizer {
  const mu = o.momentum ?? 0;
  const nesterov = o.nesterov ?? false;
  const velocity = mu > 0 ? sizes.map(alloc) : [];
  return {
    step(params: Buf[], grads: Buf[]) {
      const lr = o.lr;
      for (let t = 0; t < params.length; t++) {
        const p = params[t]!, g = grads[t]!;
        if (mu === 0) {
          for (let i = 0; i < p.length; i++) p[i] -= lr * g[i]!;
          continue;
        }
        const v = velocity[t]!;
        for (let i = 0; i < p.length; i++) {
          const vi = mu * v[i]! + g[i]!;
          v[i] = vi;
          p[i] -= lr * (nesterov ? g[i]! + mu * vi : vi);
        }
      }
    },
    reset() {
      for (const v of velocity) v.fill(0);
    },
  };
}
