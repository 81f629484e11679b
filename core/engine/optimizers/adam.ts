import { wasmKernelsFor } from '../../kernels/gemm';
import type { WasmKernels } from '../../kernels/wasm/module';
import type { Buf } from '../../util/tensor';
import type { Optimizer, StateAlloc } from './types';

/**
 * Adam, and AdamW when `decoupledDecay` > 0 (p ← p·(1 − lr·λ) before the Adam step). The update is written
 * exactly as PyTorch computes it — step size lr/(1−β₁ᵗ), denominator √v/√(1−β₂ᵗ) + ε — so float32 runs
 * agree step for step with exported code.
 */
export function createAdam(
  sizes: number[], alloc: StateAlloc,
  o: { lr: number; beta1?: number; beta2?: number; eps?: number; decoupledDecay?: number },
): Optimizer {
  const b1 = o.beta1 ?? 0.9;
  const b2 = o.beta2 ?? 0.999;
  const eps = o.eps ?? 1e-8;
  const wd = o.decoupledDecay ?? 0;
  const m = sizes.map(alloc);
  const v = sizes.map(alloc);
  let t = 0;
  // Decided at the first step: the wasm loop when every tensor is an f32 view of one kernel arena.
  let wasm: WasmKernels | null | undefined;
  return {
    step(params: Buf[], grads: Buf[]) {
      t++;
      const lr = o.lr;
      const bc1 = 1 - Math.pow(b1, t);
      const sqrtBc2 = Math.sqrt(1 - Math.pow(b2, t));
      const stepSize = lr / bc1;
      if (wasm === undefined) wasm = wasmKernelsFor([...params, ...grads, ...m, ...v]);
      if (wasm) {
        const keep = wd > 0 ? 1 - lr * wd : 1;
        for (let k = 0; k < params.length; k++) {
          const p = params[k]!;
          wasm.adamStep(p.byteOffset, grads[k]!.byteOffset, m[k]!.byteOffset, v[k]!.byteOffset, p.length, b1, b2, stepSize, sqrtBc2, eps, keep);
        }
        return;
      }
      for (let k = 0; k < params.length; k++) {
        const p = params[k]!, g = grads[k]!, mk = m[k]!, vk = v[k]!;
        if (wd > 0) {
          const keep = 1 - lr * wd;
          for (let i = 0; i < p.length; i++) p[i] *= keep;
        }
        for (let i = 0; i < p.length; i++) {
          const gi = g[i]!;
          const mi = b1 * mk[i]! + (1 - b1) * gi;
          const vi = b2 * vk[i]! + (1 - b2) * gi * gi;
          mk[i] = mi;
          vk[i] = vi;
          p[i] -= (stepSize * mi) / (Math.sqrt(vi) / sqrtBc2 + eps);
        }
      }
    },
    reset() {
      for (const a of m) a.fill(0);
      for (const a of v) a.fill(0);
      t = 0;
    },
  };
}
