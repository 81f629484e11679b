import { sizeOf } from '../../util/tensor';
import type { NodeKind } from '../types';
import { inferPairShape, PAIR_INPUTS } from './elementwise-pair';

/** Elementwise sum of two tensors of the same shape; the gradient passes unchanged to both inputs. */
export const AddNode: NodeKind = {
  type: 'Add',
  category: 'layer',
  title: 'Add',
  explanation:
    'Adds two signals value by value. Wiring a layer\'s input around it into an Add (a skip or residual connection) lets the layer learn only a correction, which makes deep networks much easier to train.',
  inputs: PAIR_INPUTS,
  outputs: [{ name: 'out', description: 'a + b, the same shape as the inputs' }],
  params: {},
  inferShape: inferPairShape,
  paramTensors: () => [],
  createKernel({ outputShape, buffers }) {
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
