import { sizeOf } from '../../util/tensor';
import type { Kernel, KernelContext } from '../types';

/**
 * The kernel of a node that only gives its input's values another shape (Flatten, Reshape): row-major
 * order is kept, so forward is a copy and backward adds the gradient straight back.
 */
export function copyKernel({ outputShape, buffers }: KernelContext): Kernel {
  const size = sizeOf(outputShape);
  const { inputs: [X], output: Y, dOutput: dY, dInputs: [dX] } = buffers;
  return {
    forward(n) {
      for (let i = 0; i < n * size; i++) Y[i] = X![i]!;
    },
    backward(n) {
      if (!dX) return;
      for (let i = 0; i < n * size; i++) dX[i] += dY[i]!;
    },
  };
}
