import type { Kernel, KernelContext } from '../types';
import { lastAxis } from './last-axis';
import { rowKernel } from './row-kernel';
import type { ActivationFn } from './types';

/**
 * Concatenated ReLU: [relu(x), relu(-x)] joined on the last axis, so `[.., d]` becomes `[.., 2d]`.
 * Each output row holds the d positive parts first, then the d negative parts.
 * The scalar f/df (the inspector's plot) show the first half, relu(x); the second half is its mirror.
 */
export const crelu: ActivationFn = {
  fn: 'crelu',
  title: 'CReLU',
  explanation:
    'Outputs both relu(x) and relu(-x) side by side, doubling the number of features. Nothing is thrown away: the sign goes into which half is non-zero, so the input always gets a gradient through one of them.',
  params: {},
  f: (x) => (x > 0 ? x : 0),
  df: (x) => (x > 0 ? 1 : 0),
  outputShape(input) {
    return input.length > 0 ? [...input.slice(0, -1), 2 * lastAxis(input)] : [2];
  },
  createKernel: creluKernel,
};

function creluKernel(ctx: KernelContext): Kernel {
  return rowKernel(ctx, {
    forward(X, Y, r, d) {
      const i = r * d;
      const o = 2 * r * d;
      for (let j = 0; j < d; j++) {
        const x = X[i + j]!;
        Y[o + j] = x > 0 ? x : 0;
        Y[o + d + j] = x < 0 ? -x : 0;
      }
    },
    backward(X, _Y, dY, dX, r, d) {
      const i = r * d;
      const o = 2 * r * d;
      for (let j = 0; j < d; j++) {
        const x = X[i + j]!;
        // Only the half that is active passes gradient; the relu(-x) half flips its sign.
        if (x > 0) dX[i + j] += dY[o + j]!;
        else if (x < 0) dX[i + j] -= dY[o + d + j]!;
      }
    },
  });
}
