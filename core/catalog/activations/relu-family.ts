import type { ActivationFn } from './types';

/**
 * Elementwise relatives of ReLU: the same "pass positives" idea with a different treatment of negative
 * (or very large) inputs. prelu and crelu need their own kernels and live in their own files.
 */

export const leakyRelu: ActivationFn = {
  fn: 'leaky_relu',
  title: 'Leaky ReLU',
  explanation:
    'Like ReLU, but negative inputs are multiplied by a small slope alpha instead of being zeroed, so a unit whose input goes negative keeps a little gradient and cannot die.',
  params: {
    alpha: { kind: 'number', default: 0.01, min: 0, max: 1, description: 'slope for negative inputs' },
  },
  f: (x, p) => (x > 0 ? x : (p.alpha as number) * x),
  df: (x, _y, p) => (x > 0 ? 1 : (p.alpha as number)),
};

export const relu6: ActivationFn = {
  fn: 'relu6',
  title: 'ReLU6',
  explanation:
    'ReLU capped at 6: min(max(x, 0), 6). The cap keeps values in a small fixed range (useful for low-precision hardware); above 6 the slope is 0, just as below 0.',
  params: {},
  f: (x) => (x <= 0 ? 0 : x >= 6 ? 6 : x),
  df: (x) => (x > 0 && x < 6 ? 1 : 0),
};

export const elu: ActivationFn = {
  fn: 'elu',
  title: 'ELU',
  explanation:
    'Identity for positive inputs; for negative ones it curves smoothly down to -alpha instead of stopping at 0. The negative outputs pull the mean activation towards zero and the gradient never fully vanishes.',
  params: {
    alpha: { kind: 'number', default: 1, min: 0, description: 'the value negative inputs approach (as -alpha)' },
  },
  // expm1 keeps precision for small negative x, where e^x - 1 would cancel.
  f: (x, p) => (x > 0 ? x : (p.alpha as number) * Math.expm1(x)),
  df: (x, _y, p) => (x > 0 ? 1 : (p.alpha as number) * Math.exp(x)),
};

// The fixed constants of Klambauer et al. (2017), the same values PyTorch's nn.SELU uses.
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

export const selu: ActivationFn = {
  fn: 'selu',
  title: 'SELU',
  explanation:
    'A scaled ELU with two fixed constants chosen so that, with LeCun-normal weights, activations drift back towards mean 0 and variance 1 layer after layer ("self-normalising"). It has no settings on purpose: other constants lose that property.',
  params: {},
  f: (x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)),
  df: (x) => SELU_SCALE * (x > 0 ? 1 : SELU_ALPHA * Math.exp(x)),
};

export const hardSigmoid: ActivationFn = {
  fn: 'hard_sigmoid',
  title: 'Hard sigmoid',
  explanation:
    'A cheap straight-line stand-in for sigmoid: relu6(x + 3) / 6, which is 0 below -3, 1 above 3 and a ramp in between. Outside the ramp the slope is exactly 0, so it saturates even harder than sigmoid.',
  params: {},
  // PyTorch's nn.Hardsigmoid form (slope 1/6). Older Keras used 0.2x + 0.5; that is a different function.
  f: (x) => (x <= -3 ? 0 : x >= 3 ? 1 : x / 6 + 0.5),
  df: (x) => (x > -3 && x < 3 ? 1 / 6 : 0),
};
