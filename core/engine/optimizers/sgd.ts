import { wasmKernelsFor } from '../../kernels/gemm';
import type { WasmKernels } from '../../kernels/wasm/module';
import type { Buf } from '../../util/tensor';
import type { Optimizer, StateAlloc } from './types';

/** SGD with optional momentum and Nesterov momentum (PyTorch semantics: v ← μv + g, v₀ = 0 so the first v is g). */
export function createSgd(sizes: number[], alloc: StateAlloc, o: { lr: number; momentum?: number; nesterov?: boolean }): Optimizer {
  const mu = o.momentum ?? 0;
  const nesterov = o.nesterov ?? false;
  const velocity = mu > 0 ? sizes.map(alloc) : [];
  // Decided at the first step: the wasm loop (same f64 arithmetic, bit-identical) when every tensor is an
  // f32 view of one kernel arena; small MLPs spent a tenth of a step in the TS loop.
  let wasm: WasmKernels | null | undefined;
  return {
    step(params: Buf[], grads: Buf[]) {
      const lr = o.lr;
      if (wasm === undefined) wasm = wasmKernelsFor([...params, ...grads, ...velocity]);
      if (wasm) {
        for (let t = 0; t < params.length; t++) {
          const p = params[t]!;
          wasm.sgdStep(p.byteOffset, grads[t]!.byteOffset, mu > 0 ? velocity[t]!.byteOffset : 0, p.length, lr, mu, nesterov ? 1 : 0);
        }
        return;
      }
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
