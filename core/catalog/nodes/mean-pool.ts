import { wasmKernelsFor } from '../../kernels/gemm';
import { formatShape } from '../../util/tensor';
import type { NodeKind } from '../types';

/** Averages a sequence over its positions: [T, d] → [d]. Each position receives 1/T of the gradient. */
export const MeanPoolNode: NodeKind = {
  type: 'MeanPool',
  category: 'layer',
  paletteGroup: 'Pooling',
  title: 'Mean pool',
  explanation:
    'Turns a sequence into one summary by averaging each feature over all positions. The result no longer depends on how long the sequence is or where things happened in it, which suits a single answer for the whole sequence.',
  inputs: [{ name: 'in', description: 'a sequence [T, d]' }],
  outputs: [{ name: 'out', description: 'the average over the T positions, [d]' }],
  params: {},
  inferShape({ inputs }) {
    const x = inputs[0]!;
    if (x.length !== 2) {
      return {
        ok: false,
        port: 0,
        message: `averages over the sequence axis of [B, T, d], got ${formatShape(x)}; to turn other shapes into a flat vector use Flatten`,
      };
    }
    return { ok: true, shape: [x[1]!] };
  },
  paramTensors: () => [],
  createKernel({ inputShapes, buffers }) {
    const [T, d] = inputShapes[0]! as [number, number];
    const inv = 1 / T;
    const { inputs: [X], output: Y, dOutput: dY, dInputs: [dX] } = buffers;
    // Every buffer in the wasm arena: the same sums in SIMD lanes, bit-identical (assembly/mean-pool.ts).
    const wasm = wasmKernelsFor([X!, Y, dY, ...(dX ? [dX] : [])]);
    if (wasm) {
      return {
        forward(n) {
          wasm.meanPoolForward(X!.byteOffset, Y.byteOffset, n, T, d, inv);
        },
        backward(n) {
          if (dX) wasm.meanPoolBackward(dY.byteOffset, dX.byteOffset, n, T, d, inv);
        },
      };
    }
    return {
      forward(n) {
        for (let s = 0; s < n; s++) {
          const y = s * d;
          for (let j = 0; j < d; j++) Y[y + j] = 0;
          for (let t = 0; t < T; t++) {
            const x = (s * T + t) * d;
            for (let j = 0; j < d; j++) Y[y + j] += X![x + j]!;
          }
          for (let j = 0; j < d; j++) Y[y + j] *= inv;
        }
      },
      backward(n) {
        if (!dX) return;
        for (let s = 0; s < n; s++) {
          for (let t = 0; t < T; t++) {
            const x = (s * T + t) * d;
            for (let j = 0; j < d; j++) dX[x + j] += dY[s * d + j]! * inv;
          }
        }
      },
    };
  },
};
