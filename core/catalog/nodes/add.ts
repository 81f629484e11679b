import { formatShape, sameShape, sizeOf } from '../../util/tensor';
import type { NodeKind } from '../types';

/** Elementwise sum of two tensors of the same shape; the gradient passes unchanged to both inputs. */
export const AddNode: NodeKind = {
  type: 'Add',
  category: 'layer',
  title: 'Add',
  explanation:
    'Adds two signals value by value. Wiring a layer\'s input around it into an Add (a skip or residual connection) lets the layer learn only a correction, which makes deep networks much easier to train.',
  inputs: [
    { name: 'a', description: 'first tensor' },
    { name: 'b', description: 'second tensor, the same shape as a' },
  ],
  outputs: [{ name: 'out', description: 'a + b, the same shape as the inputs' }],
  params: {},
  inferShape({ inputs }) {
    const [a, b] = inputs as [readonly number[], readonly number[]];
    if (!sameShape(a, b)) {
      return { ok: false, port: 1, message: `needs inputs of equal shape, got a ${formatShape(a)} and b ${formatShape(b)}` };
    }
    return { ok: true, shape: a };
  },
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
