import type { Kernel, KernelContext } from '../types';
import { sigmoid } from './basic';
import { rowKernel, rowMax } from './row-kernel';
import type { ActivationFn } from './types';

/**
 * Softmax over the last axis: every row becomes positive numbers summing to 1. It mixes a whole row,
 * so it has its own kernel. For the inspector's scalar plot it shows the two-class view
 * softmax([x, 0])[0] = e^x / (e^x + 1), which is exactly the sigmoid.
 */
export const softmax: ActivationFn = {
  fn: 'softmax',
  title: 'Softmax',
  explanation:
    'Turns a row of scores into probabilities that are positive and sum to 1; the largest score gets the largest share. Used on the last layer to choose among classes. With two classes it is the same curve as sigmoid.',
  params: {},
  f: sigmoid.f,
  df: sigmoid.df,
  createKernel: softmaxKernel,
};

function softmaxKernel(ctx: KernelContext): Kernel {
  return rowKernel(ctx, {
    forward(X, Y, r, d) {
      const o = r * d;
      // Subtracting the row max changes nothing mathematically but keeps every exponent ≤ 0, so
      // scores like 1000 cannot overflow to Infinity (and Infinity / Infinity to NaN).
      const max = rowMax(X, o, d);
      let sum = 0;
      for (let j = 0; j < d; j++) {
        const e = Math.exp(X[o + j]! - max);
        Y[o + j] = e;
        sum += e;
      }
      for (let j = 0; j < d; j++) Y[o + j] = Y[o + j]! / sum;
    },
    backward(_X, Y, dY, dX, r, d) {
      const o = r * d;
      // Jacobian-vector product without forming the Jacobian: dx_j = y_j·(dy_j - Σ_k y_k·dy_k).
      let dot = 0;
      for (let j = 0; j < d; j++) dot += Y[o + j]! * dY[o + j]!;
      for (let j = 0; j < d; j++) dX[o + j] += Y[o + j]! * (dY[o + j]! - dot);
    },
  });
}
