import { sizeOf } from '../../util/tensor';
import type { NodeKind } from '../types';
import { inferPairShape, PAIR_INPUTS } from './elementwise-pair';

/** Elementwise product of two tensors of the same shape: d a = dy·b, d b = dy·a. */
export const MultiplyNode: NodeKind = {
  type: 'Multiply',
  category: 'layer',
  title: 'Multiply',
  explanation:
    'Multiplies two signals value by value. With a sigmoid in front of one input it becomes a gate: values near 0 shut the other signal off, values near 1 let it through — the trick inside LSTMs and attention-like layers.',
  inputs: PAIR_INPUTS,
  outputs: [{ name: 'out', description: 'a × b, the same shape as the inputs' }],
  params: {},
  inferShape: inferPairShape,
  paramTensors: () => [],
  createKernel({ outputShape, buffers }) {
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
