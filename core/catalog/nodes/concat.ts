import { formatShape, sizeOf } from '../../util/tensor';
import type { NodeKind } from '../types';

/**
 * Joins two tensors along the last axis: [..., p] and [..., q] give [..., p + q], with a's features first.
 * Every leading axis (e.g. the sequence length T) must agree, since rows are paired one to one.
 */
export const ConcatNode: NodeKind = {
  type: 'Concat',
  category: 'layer',
  title: 'Concat',
  explanation:
    'Places two sets of features side by side, so the next layer sees both at once. Useful to merge two branches of a network or to add extra information next to the original input.',
  inputs: [
    { name: 'a', description: 'first tensor; its features come first' },
    { name: 'b', description: 'second tensor; all axes but the last must match a' },
  ],
  outputs: [{ name: 'out', description: 'the features of a followed by those of b' }],
  params: {},
  inferShape({ inputs }) {
    const [a, b] = inputs as [readonly number[], readonly number[]];
    const got = `got a ${formatShape(a)} and b ${formatShape(b)}`;
    if (a.length === 0) return { ok: false, port: 0, message: `needs at least one feature axis to join on, ${got}` };
    if (b.length === 0) return { ok: false, port: 1, message: `needs at least one feature axis to join on, ${got}` };
    if (a.length !== b.length || a.some((dim, i) => i < a.length - 1 && dim !== b[i])) {
      return { ok: false, port: 1, message: `joins on the last axis, so every other axis must match; ${got}` };
    }
    return { ok: true, shape: [...a.slice(0, -1), a[a.length - 1]! + b[b.length - 1]!] };
  },
  paramTensors: () => [],
  createKernel({ inputShapes, outputShape, buffers }) {
    const [aShape, bShape] = inputShapes as [readonly number[], readonly number[]];
    const p = aShape[aShape.length - 1]!;
    const q = bShape[bShape.length - 1]!;
    const width = p + q;
    const rowsPerSample = sizeOf(outputShape) / width;
    const { inputs: [A, B], output: Y, dOutput: dY, dInputs: [dA, dB] } = buffers;
    return {
      forward(n) {
        const rows = n * rowsPerSample;
        for (let r = 0; r < rows; r++) {
          const y = r * width;
          for (let j = 0; j < p; j++) Y[y + j] = A![r * p + j]!;
          for (let j = 0; j < q; j++) Y[y + p + j] = B![r * q + j]!;
        }
      },
      backward(n) {
        const rows = n * rowsPerSample;
        for (let r = 0; r < rows; r++) {
          const y = r * width;
          if (dA) for (let j = 0; j < p; j++) dA[r * p + j] += dY[y + j]!;
          if (dB) for (let j = 0; j < q; j++) dB[r * q + j] += dY[y + p + j]!;
        }
      },
    };
  },
};
