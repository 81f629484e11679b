import { sizeOf } from '../../util/tensor';
import type { NodeKind } from '../types';
import { broadcastKernel, inferPairShape, isBroadcast, PAIR_INPUTS } from './elementwise-pair';

/**
 * Elementwise product of two tensors of the same shape (or broadcast over size-1 axes, e.g. a gate
 * [C, 1, 1] over a feature map [C, H, W]): d a = dy·b, d b = dy·a, summed over a broadcast input's repeats.
 */
export const MultiplyNode: NodeKind = {
  type: 'Multiply',
  category: 'layer',
  title: 'Multiply',
  explanation:
    'Multiplies two signals value by value. With a sigmoid in front of one input it becomes a gate: values near 0 shut the other signal off, values near 1 let it through — the trick inside LSTMs and attention-like layers.',
  inputs: PAIR_INPUTS,
  outputs: [{ name: 'out', description: 'a × b, the shape of the larger input' }],
  params: {},
  inferShape: inferPairShape,
  paramTensors: () => [],
  createKernel({ inputShapes, outputShape, buffers }) {
    if (isBroadcast(inputShapes)) return broadcastKernel(inputShapes, outputShape, buffers, (a, b) => a * b, (_a, b) => b, (a) => a);
    const size = sizeOf(outputShape);
    const { inputs: [A, B], output: Y, dOutput: dY, dInputs: [dA, dB] } = buffers;
    return {
      forward(n) {
        for (let i = 0; i < n * size; i++) Y[i] = A![i]! * B![i]!;
      },
      backward(n) {
        const len = n * size;
        if (dA) for (let i = 0; i < len; i++) dA[i] += dY[i]! * B![i]!;
        if (dB) for (let i = 0; i < len; i++) dB[i] += dY[i]! * A![i]!;
      },
    };
  },
};
