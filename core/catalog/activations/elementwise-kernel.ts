import type { Kernel, KernelContext, ParamValues } from '../types';
import { wasmKernelsFor } from '../../kernels/gemm';
import { sizeOf } from '../../util/tensor';
import type { Buf } from '../../util/tensor';
import { sigmoidOf } from './stable-math';
import type { ActivationFn } from './types';

/** Kernel for an elementwise activation: y = f(x), dx += f'(x)·dy. */
export function elementwiseKernel(act: ActivationFn, ctx: KernelContext): Kernel {
  const size = sizeOf(ctx.outputShape);
  const p: ParamValues = ctx.params;
  const { f, df } = act;
  const { inputs: [X], output: Y, dOutput: dY, dInputs: [dX] } = ctx.buffers;
  const fast = FAST[act.fn];
  // ReLU with every buffer in the wasm arena: the same loops in wasm SIMD (assembly/relu.ts).
  const inArena = act.fn in WASM_FNS ? wasmKernelsFor([X!, Y, dY, ...(dX ? [dX] : [])]) : null;
  const wasm = act.fn === 'relu' ? inArena : null;
  // Sigmoid and tanh: Math.exp per element dominated small sigmoid MLPs (W3), so in the arena they run the
  // vector exp of assembly/vmath.ts (~2 ulp; the TS loops below stay the fallback and the reference).
  if (inArena && (act.fn === 'sigmoid' || act.fn === 'tanh')) {
    const fwd = act.fn === 'sigmoid' ? inArena.sigmoidForward : inArena.tanhForward;
    const bwd = act.fn === 'sigmoid' ? inArena.sigmoidBackward : inArena.tanhBackward;
    return {
      forward(n) {
        fwd(X!.byteOffset, Y.byteOffset, n * size);
      },
      backward(n) {
        if (dX) bwd(Y.byteOffset, dY.byteOffset, dX.byteOffset, n * size);
      },
    };
  }
  if (wasm) {
    return {
      forward(n) {
        wasm.reluForward(X!.byteOffset, Y.byteOffset, n * size);
      },
      backward(n) {
        if (dX) wasm.reluBackward(X!.byteOffset, dY.byteOffset, dX.byteOffset, n * size);
      },
    };
  }
  if (fast) {
    return {
      forward(n) {
        fast.forward(X!, Y, n * size);
      },
      backward(n) {
        if (dX) fast.backward(X!, Y, dY, dX, n * size);
      },
    };
  }
  return {
    forward(n) {
      for (let i = 0; i < n * size; i++) Y[i] = f(X![i]!, p);
    },
    backward(n) {
      if (!dX) return;
      for (let i = 0; i < n * size; i++) dX[i] += df(X![i]!, Y[i]!, p) * dY[i]!;
    },
  };
}

/** The activations with wasm loops for arena buffers. */
const WASM_FNS: Record<string, true> = { relu: true, sigmoid: true, tanh: true };

interface FastLoops {
  forward(X: Buf, Y: Buf, len: number): void;
  backward(X: Buf, Y: Buf, dY: Buf, dX: Buf, len: number): void;
}

/*
 * The generic loops above call f/df through a closure shared by every activation, a call site V8 cannot
 * inline. The common functions get their own monomorphic loops with the formulas of basic.ts written out
 * (same expressions, so results are bit-identical).
 */
const FAST: Record<string, FastLoops> = {
  sigmoid: {
    forward(X, Y, len) {
      for (let i = 0; i < len; i++) Y[i] = sigmoidOf(X[i]!);
    },
    backward(_X, Y, dY, dX, len) {
      for (let i = 0; i < len; i++) {
        const y = Y[i]!;
        dX[i] += y * (1 - y) * dY[i]!;
      }
    },
  },
  tanh: {
    forward(X, Y, len) {
      for (let i = 0; i < len; i++) Y[i] = Math.tanh(X[i]!);
    },
    backward(_X, Y, dY, dX, len) {
      for (let i = 0; i < len; i++) {
        const y = Y[i]!;
        dX[i] += (1 - y * y) * dY[i]!;
      }
    },
  },
  relu: {
    forward(X, Y, len) {
      for (let i = 0; i < len; i++) {
        const x = X[i]!;
        Y[i] = x > 0 ? x : 0;
      }
    },
    backward(X, _Y, dY, dX, len) {
      for (let i = 0; i < len; i++) dX[i] += (X[i]! > 0 ? 1 : 0) * dY[i]!;
    },
  },
  linear: {
    forward(X, Y, len) {
      for (let i = 0; i < len; i++) Y[i] = X[i]!;
    },
    backward(_X, _Y, dY, dX, len) {
      for (let i = 0; i < len; i++) dX[i] += 1 * dY[i]!;
    },
  },
};
