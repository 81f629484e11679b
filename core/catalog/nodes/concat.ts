import { formatShape, sizeOf } from '../../util/tensor';
import type { NodeKind, ParamValues } from '../types';

/**
 * The joined axis as PyTorch, ONNX and Keras count it (batch axis 0): NetLoom's count is that same
 * number (negative ones count from the end there too), so the exporters write it as it is.
 */
export const concatBatchedAxis = (params: ParamValues): number => (params.axis as number | undefined) ?? -1;

/** The per-sample axis (0-based, batch left out) that `axis` names: Keras/PyTorch style, the batch is axis 0. */
function concatAxis(axis: number, rank: number): number | null {
  const k = axis < 0 ? axis + rank + 1 : axis;
  return k >= 1 && k <= rank ? k - 1 : null;
}

/**
 * Joins two tensors along one axis, the last by default: [..., p] and [..., q] give [..., p + q], with
 * a's features first; `axis` 1 joins the channels of [C, H, W] feature maps (DenseNet, ShuffleNet).
 * Every other axis must agree, since the blocks are paired one to one.
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
    axis: { kind: 'int', default: -1, min: -6, max: 6, description: 'the axis to join on, counting the batch as 0 (as Keras and PyTorch): -1 is the last, 1 the channels of [C, H, W]' },
  },
  inferShape({ params, inputs }) {
    const [a, b] = inputs as [readonly number[], readonly number[]];
    const got = `got a ${formatShape(a)} and b ${formatShape(b)}`;
    if (a.length === 0) return { ok: false, port: 0, message: `needs at least one feature axis to join on, ${got}` };
    if (b.length === 0) return { ok: false, port: 1, message: `needs at least one feature axis to join on, ${got}` };
    const axis = (params.axis as number | undefined) ?? -1;
    const k = concatAxis(axis, a.length);
    if (k === null) return { ok: false, port: 0, message: `axis ${axis} is not one of the feature axes of a ${formatShape(a)} (1 to ${a.length}, or -1 for the last; 0 is the batch)` };
    if (a.length !== b.length || a.some((dim, i) => i !== k && dim !== b[i])) {
      const which = k === a.length - 1 ? 'the last axis' : `axis ${k + 1}`;
      return { ok: false, port: 1, message: `joins on ${which}, so every other axis must match; ${got}` };
    }
    return { ok: true, shape: a.map((d, i) => (i === k ? d + b[i]! : d)) };
  },
  paramTensors: () => [],
  createKernel({ params, inputShapes, outputShape, buffers }) {
    const [aShape, bShape] = inputShapes as [readonly number[], readonly number[]];
    // Per sample, the output is `rows` blocks, each a's block (the joined axis and all after it) then b's.
    const k = concatAxis((params.axis as number | undefined) ?? -1, aShape.length)!;
    const p = sizeOf(aShape.slice(k));
    const q = sizeOf(bShape.slice(k));
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
