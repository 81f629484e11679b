import { sizeOf } from '../../util/tensor';
import type { Kernel, KernelContext } from '../types';
import { lastAxis } from './last-axis';
import type { ActivationFn } from './types';

/** Where every feature's alpha starts: He et al. (2015) and PyTorch's nn.PReLU both use 0.25. */
const ALPHA_INIT = 0.25;

/**
 * Leaky ReLU whose negative slope is learned: one alpha per feature (the last axis), shared by every
 * sample and, on a sequence, by every position. alpha is a trainable tensor, not a setting, so the
 * node has no params of its own. The scalar f/df (the inspector's plot) show the starting alpha.
 */
export const prelu: ActivationFn = {
  fn: 'prelu',
  title: 'PReLU',
  explanation:
    'Leaky ReLU whose negative slope alpha is learned, one per feature, starting at 0.25. Training decides how much each feature should let negative values through.',
  params: {},
  f: (x) => (x > 0 ? x : ALPHA_INIT * x),
  df: (x) => (x > 0 ? 1 : ALPHA_INIT),
  paramTensors(input) {
    const features = lastAxis(input);
    // No weight decay: pulling alpha towards 0 would quietly turn PReLU back into ReLU.
    return [{ name: 'alpha', shape: [features], init: 'constant', value: ALPHA_INIT, fanIn: features, fanOut: features, decay: false }];
  },
  createKernel: preluKernel,
};

function preluKernel(ctx: KernelContext): Kernel {
  const features = lastAxis(ctx.inputShapes[0]!);
  const rowsPerSample = sizeOf(ctx.inputShapes[0]!) / features;
  const { inputs: [X], output: Y, params: [A], dOutput: dY, dInputs: [dX], dParams: [dA] } = ctx.buffers;
  return {
    forward(n) {
      const rows = n * rowsPerSample;
      for (let r = 0; r < rows; r++) {
        const o = r * features;
        for (let j = 0; j < features; j++) {
          const x = X![o + j]!;
          Y[o + j] = x > 0 ? x : A![j]! * x;
        }
      }
    },
    backward(n) {
      const rows = n * rowsPerSample;
      for (let r = 0; r < rows; r++) {
        const o = r * features;
        for (let j = 0; j < features; j++) {
          const x = X![o + j]!;
          const g = dY[o + j]!;
          if (x > 0) {
            if (dX) dX[o + j] += g;
          } else {
            if (dX) dX[o + j] += A![j]! * g;
            // ∂y/∂alpha = x on the negative side, summed over every row that shares this alpha.
            dA![j] += x * g;
          }
        }
      }
    },
  };
}
