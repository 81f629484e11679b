import { sigmoidOf } from './stable-math';
import type { ActivationFn } from './types';

/**
 * The classic activations: identity, the perceptron's threshold, the two smooth squashers and ReLU.
 */

export const linear: ActivationFn = {
  fn: 'linear',
  title: 'Linear',
  explanation: 'Passes values through unchanged. A network with only linear activations is one big linear function, however deep.',
  params: {},
  f: (x) => x,
  df: () => 1,
};

export const step: ActivationFn = {
  fn: 'step',
  title: 'Step',
  explanation:
    'Outputs 1 when the input is above 0 and 0 otherwise, the on/off switch of the original perceptron. Its slope is 0 everywhere (and undefined at the jump), so gradient descent gets no signal through it: nothing before a step learns.',
  params: {},
  f: (x) => (x > 0 ? 1 : 0),
  // Zero by definition, not an approximation: the true derivative is 0 on both sides of the jump, and
  // reporting it honestly is what lets a lesson show that layers before a step never learn.
  df: () => 0,
};

export const sigmoid: ActivationFn = {
  fn: 'sigmoid',
  title: 'Sigmoid',
  explanation: 'Squashes any number into (0, 1), handy for a probability. Its slope is at most 0.25 and nearly 0 far from the middle, so deep stacks of it learn slowly (vanishing gradients).',
  params: {},
  f: sigmoidOf,
  df: (_x, y) => y * (1 - y),
};

export const tanh: ActivationFn = {
  fn: 'tanh',
  title: 'Tanh',
  explanation: 'Squashes into (-1, 1) and is centred on zero, which usually trains faster than sigmoid in hidden layers; it still saturates for large inputs.',
  params: {},
  f: (x) => Math.tanh(x),
  df: (_x, y) => 1 - y * y,
};

export const relu: ActivationFn = {
  fn: 'relu',
  title: 'ReLU',
  explanation: 'Keeps positive values and zeroes negative ones. Cheap and trains deep networks well; a unit whose input is always negative stops learning ("dead").',
  params: {},
  f: (x) => (x > 0 ? x : 0),
  df: (x) => (x > 0 ? 1 : 0),
};
