import { formatShape, sizeOf, type Shape } from '../../util/tensor';
import type { NodeKind, ShapeResult } from '../types';

/** Output shape for Keras-style 1-based `axes` over the non-batch axes, or why they are not a reordering. */
export function permuteShape(input: Shape, axes: readonly number[]): ShapeResult {
  const r = input.length;
  const sorted = [...axes].sort((a, b) => a - b);
  if (axes.length !== r || sorted.some((a, i) => a !== i + 1)) {
    const want = Array.from({ length: r }, (_, i) => i + 1).join(', ');
    return { ok: false, port: 0, message: `axes [${axes.join(', ')}] must list each of the input's axes ${want} exactly once (1-based, batch axis left out), for input ${formatShape(input)}` };
  }
  return { ok: true, shape: axes.map((a) => input[a - 1]!) };
}

/**
 * Reorders the non-batch axes: output axis i is input axis axes[i] (1-based, as Keras' Permute), e.g.
 * [2, 1] turns a sequence [T, d] into channels-first [d, T]. Forward gathers through a precomputed index
 * table; backward scatters the gradient back through the same table.
 */
export const PermuteNode: NodeKind = {
  type: 'Permute',
  category: 'layer',
  paletteGroup: 'Shape',
  title: 'Permute',
  explanation:
    'Swaps the order of the axes of each example, such as turning a sequence of word vectors [positions, features] into [features, positions] so that a Conv1D can slide along the positions. No value changes, only where it sits.',
  inputs: [{ name: 'in', description: 'a tensor with at least two axes' }],
  outputs: [{ name: 'out', description: 'the same values with the axes reordered' }],
  params: {
    axes: { kind: 'ints', default: [2, 1], min: 1, minLength: 1, maxLength: 6, description: 'the input axes in their new order, 1-based without the batch axis (as Keras\' Permute((2, 1)))' },
  },
  inferShape: ({ params, inputs }) => permuteShape(inputs[0]!, params.axes as readonly number[]),
  paramTensors: () => [],
  createKernel({ params, inputShapes, outputShape, buffers }) {
    const input = inputShapes[0]!;
    const axes = params.axes as readonly number[];
    const size = sizeOf(input);
    const inStrides = input.map((_, i) => sizeOf(input.slice(i + 1)));
    // source[j]: where output element j (within a sample) is read from. Built once, when the plan is made.
    const source = new Int32Array(size);
    const idx = new Array<number>(outputShape.length).fill(0);
    for (let j = 0; j < size; j++) {
      let src = 0;
      for (let a = 0; a < idx.length; a++) src += idx[a]! * inStrides[axes[a]! - 1]!;
      source[j] = src;
      for (let a = idx.length - 1; a >= 0; a--) {
        if (++idx[a]! < outputShape[a]!) break;
        idx[a] = 0;
      }
    }
    const { inputs: [X], output: Y, dOutput: dY, dInputs: [dX] } = buffers;
    return {
      forward(n) {
        for (let s = 0; s < n; s++) {
          const o = s * size;
          for (let j = 0; j < size; j++) Y[o + j] = X![o + source[j]!]!;
        }
      },
      backward(n) {
        if (!dX) return;
        for (let s = 0; s < n; s++) {
          const o = s * size;
          for (let j = 0; j < size; j++) dX[o + source[j]!] += dY[o + j]!;
        }
      },
    };
  },
};
