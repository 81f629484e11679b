import { formatShape, sizeOf } from '../../util/tensor';
import type { NodeKind, ParamValues } from '../types';

/** The joined axis as a 0-based index into the per-sample shape (`axis` -1: the last one). */
export function concatAxis(params: ParamValues, rank: number): number {
  const a = (params.axis as number | undefined) ?? -1;
  return a === -1 ? rank - 1 : a - 1;
}

/**
 * The joined axis as PyTorch, ONNX and Keras count it (batch axis 0): NetLoom's 1-based count without
 * the batch is the same number, and -1 (the last) is -1 there too.
 */
export const concatBatchedAxis = (params: ParamValues): number => (params.axis as number | undefined) ?? -1;

/**
 * Joins two tensors along one axis, by default the last: [..., p] and [..., q] give [..., p + q], with
 * a's features first. `axis` 1 joins channels-first images' channels ([C1, H, W] and [C2, H, W] give
 * [C1 + C2, H, W]), as Inception and SqueezeNet branches meet. Every other axis must agree.
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
  params: {
    axis: { kind: 'int', default: -1, min: -1, max: 4, description: 'the axis to join on, counted from 1 without the batch axis (1: channels of an image); -1: the last' },
  },
  inferShape({ params, inputs }) {
    const [a, b] = inputs as [readonly number[], readonly number[]];
    const got = `got a ${formatShape(a)} and b ${formatShape(b)}`;
    if (a.length === 0) return { ok: false, port: 0, message: `needs at least one feature axis to join on, ${got}` };
    if (b.length === 0) return { ok: false, port: 1, message: `needs at least one feature axis to join on, ${got}` };
    if (params.axis === 0) return { ok: false, port: 0, message: 'axis 0 would be the batch axis; count axes from 1 (or -1 for the last)' };
    const ax = concatAxis(params, a.length);
    if (ax >= a.length) return { ok: false, port: 0, message: `axis ${params.axis} is past the last axis of a ${formatShape(a)}` };
    const which = ax === a.length - 1 ? 'the last axis' : `axis ${ax + 1}`;
    if (a.length !== b.length || a.some((dim, i) => i !== ax && dim !== b[i])) {
      return { ok: false, port: 1, message: `joins on ${which}, so every other axis must match; ${got}` };
    }
    return { ok: true, shape: a.map((d, i) => (i === ax ? d + b[i]! : d)) };
  },
  paramTensors: () => [],
  createKernel({ params, inputShapes, outputShape, buffers }) {
    const [aShape, bShape] = inputShapes as [readonly number[], readonly number[]];
    // Per row (everything before the axis), a's block then b's: the last axis is the case of blocks of one row.
    const ax = concatAxis(params, aShape.length);
    const p = sizeOf(aShape.slice(ax));
    const q = sizeOf(bShape.slice(ax));
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
