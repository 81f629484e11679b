import type { Kernel, KernelContext } from '../types';
import { rowKernel, rowMax } from './row-kernel';
import { sigmoidOf, softplusOf } from './stable-math';
import type { ActivationFn } from './types';

/**
 * log(softmax(x)) over the last axis, computed as x − max − log Σ e^(x − max) so it stays finite where
 * softmax underflows to 0. Its inspector plot is the two-class view log σ(x) = −softplus(−x).
 */
export const logSoftmax: ActivationFn = {
  fn: 'log_softmax',
  title: 'Log-softmax',
  explanation:
    'The logarithm of softmax: every row becomes log-probabilities (all ≤ 0, their exponentials sum to 1). Computing it in one step avoids the log of a tiny number, which is why PyTorch classifiers often end with it and the negative log-likelihood loss.',
  params: {},
  f: (x) => -softplusOf(-x),
  df: (x) => sigmoidOf(-x),
  createKernel: logSoftmaxKernel,
};

function logSoftmaxKernel(ctx: KernelContext): Kernel {
  return rowKernel(ctx, {
    forward(X, Y, r, d) {
      const o = r * d;
      const max = rowMax(X, o, d);
      let sum = 0;
      for (let j = 0; j < d; j++) sum += Math.exp(X[o + j]! - max);
      // (x − max) first: it is exact for nearby values, where x − (max + log Σ) would round at |x|'s scale.
      const logSum = Math.log(sum);
      for (let j = 0; j < d; j++) Y[o + j] = X[o + j]! - max - logSum;
    },
    backward(_X, Y, dY, dX, r, d) {
      const o = r * d;
      // y_j = x_j − logΣe^x, so dx_j = dy_j − softmax_j · Σ_k dy_k, with softmax_j = e^(y_j).
      let total = 0;
      for (let j = 0; j < d; j++) total += dY[o + j]!;
      for (let j = 0; j < d; j++) dX[o + j] += dY[o + j]! - Math.exp(Y[o + j]!) * total;
    },
  });
}
