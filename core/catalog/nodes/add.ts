import { sizeOf } from '../../util/tensor';
import type { NodeKind } from '../types';
import { broadcastKernel, inferPairShape, isBroadcast, PAIR_INPUTS } from './elementwise-pair';

/**
 * Elementwise sum of two tensors of the same shape (or broadcast over size-1 axes); the gradient passes
 * unchanged to both inputs (summed over the repeats of a broadcast one).
 */
export const AddNode: NodeKind = {
  type: 'Add',
  category: 'layer',
  title: 'Add',
  explanation:
    'Adds two signals value by value. Wiring a layer\'s input around it into an Add (a skip or residual connection) lets the layer learn only a correction, which makes deep networks much easier to train.',
  inputs: PAIR_INPUTS,
  outputs: [{ name: 'out', description: 'a + b, the shape of the larger input' }],
  params: {},
  inferShape: inferPairShape,
  paramTensors: () => [],
  createKernel({ inputShapes, outputShape, buffers }) {
    if (isBroadcast(inputShapes)) return broadcastKernel(inputShapes, outputShape, buffers, (a, b) => a + b, () => 1, () => 1);
    const size = sizeOf(outputShape);
    const { inputs: [A, B], output: Y, dOutput: dY, dInputs: [dA, dB] } = buffers;
    return {
      forward(n) {
        for (let i = 0; i < n * size; i++) Y[i] = A![i]! + B![i]!;
      },
      backward(n) {
        const len = n * size;
        if (dA) for (let i = 0; i < len; i++) dA[i] += dY[i]!;
        if (dB) for (let i = 0; i < len; i++) dB[i] += dY[i]!;
      },
    };
  },
};
