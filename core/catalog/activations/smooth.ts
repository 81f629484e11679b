import { sigmoidOf, softplusOf } from './stable-math';
import type { ActivationFn } from './types';

/**
 * Smooth activations: differentiable everywhere, so there is no kink where the gradient jumps.
 * softplus, gelu, silu and mish are smooth look-alikes of ReLU; softsign is a slow-saturating squasher.
 */

export const softplus: ActivationFn = {
  fn: 'softplus',
  title: 'Softplus',
  explanation:
    'log(1 + e^x): a smooth ReLU that is always positive and never has a zero slope. Its slope is exactly the sigmoid of the input.',
  params: {},
  f: softplusOf,
  df: (x) => sigmoidOf(x),
};

export const softsign: ActivationFn = {
  fn: 'softsign',
  title: 'Softsign',
  explanation:
    'x / (1 + |x|): squashes into (-1, 1) like tanh, but approaches the limits slowly (like 1/x rather than exponentially), so it saturates more gently.',
  params: {},
  f: (x) => x / (1 + Math.abs(x)),
  df: (x) => {
    const d = 1 + Math.abs(x);
    return 1 / (d * d);
  },
};

// √(2/π) and the cubic coefficient of the tanh approximation of GELU (Hendrycks & Gimpel).
const GELU_C = Math.sqrt(2 / Math.PI);
const GELU_K = 0.044715;

export const gelu: ActivationFn = {
  fn: 'gelu',
  title: 'GELU',
  explanation:
    'Weighs each input by how likely a standard normal value is to be below it, giving a smooth ReLU that dips slightly below zero for small negatives; popular in transformers. NetLoom uses the common tanh approximation 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), which is PyTorch\'s GELU(approximate=\'tanh\'), not the exact erf form.',
  params: {},
  // The tanh approximation, deliberately: it is the same formula as PyTorch's GELU(approximate='tanh'),
  // so exported code reproduces NetLoom. The exact erf form differs from it by at most about 5e-4.
  f: (x) => 0.5 * x * (1 + Math.tanh(GELU_C * (x + GELU_K * x * x * x))),
  df: (x) => {
    const t = Math.tanh(GELU_C * (x + GELU_K * x * x * x));
    // Product rule on 0.5·x·(1 + t), with dt/dx = (1 - t²)·√(2/π)·(1 + 3·0.044715·x²).
    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * GELU_K * x * x);
  },
};

export const silu: ActivationFn = {
  fn: 'silu',
  title: 'SiLU (Swish)',
  explanation:
    'x · sigmoid(x): the input gates itself. Close to ReLU for large |x| but smooth, with a small dip below zero for negative inputs that lets a little gradient through.',
  params: {},
  f: (x) => x * sigmoidOf(x),
  df: (x) => {
    const s = sigmoidOf(x);
    return s * (1 + x * (1 - s));
  },
};

export const mish: ActivationFn = {
  fn: 'mish',
  title: 'Mish',
  explanation:
    'x · tanh(softplus(x)): another smooth, self-gated ReLU look-alike, very close to SiLU, with a slightly different dip below zero.',
  params: {},
  f: (x) => x * Math.tanh(softplusOf(x)),
  df: (x) => {
    // d/dx softplus(x) = σ(x), so by the product and chain rules: t + x·(1 - t²)·σ(x).
    const t = Math.tanh(softplusOf(x));
    return t + x * (1 - t * t) * sigmoidOf(x);
  },
};
