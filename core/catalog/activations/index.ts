import type { ActivationFn } from './types';
import { linear, relu, sigmoid, step, tanh } from './basic';
import { crelu } from './crelu';
import { prelu } from './prelu';
import { elu, hardSigmoid, leakyRelu, relu6, selu } from './relu-family';
import { softmax } from './softmax';
import { logSoftmax } from './log-softmax';
import { gelu, mish, silu, softplus, softsign } from './smooth';
import { geluErf } from './gelu-erf';

/**
 * Every activation function, in palette order: the identity first, then the squashers (threshold,
 * sigmoid-like, tanh-like), the ReLU family, the smooth ReLU look-alikes, and softmax last because it
 * belongs on the output layer rather than between hidden ones.
 */
export const ACTIVATION_LIST: readonly ActivationFn[] = [
  linear,
  step, sigmoid, hardSigmoid, tanh, softsign,
  relu, leakyRelu, prelu, relu6, crelu, elu, selu,
  softplus, gelu, geluErf, silu, mish,
  softmax, logSoftmax,
];

export const ACTIVATIONS: Readonly<Record<string, ActivationFn>> = Object.fromEntries(
  ACTIVATION_LIST.map((a) => [a.fn, a]),
);

/**
 * Activations whose outputs can be stuck at exactly 0 with zero gradient: reported as dead-unit fraction.
 * relu and relu6 have a flat 0 region. crelu counts too: a half whose input never has that sign is a
 * column of zeros that the next layer can never use, even though the input itself still learns through
 * the other half. leaky_relu and prelu are left out on purpose (their leak means no output is stuck
 * at 0, which is why they exist), as are elu/selu (negative inputs give non-zero outputs).
 * Output pinned at 6 in relu6 is not "dead" in this sense; step is covered by SATURATING instead.
 */
export const RELU_FAMILY: ReadonlySet<string> = new Set(['relu', 'relu6', 'crelu']);

/**
 * Activations that flatten out at both ends, where the slope tends to 0: reported as saturated fraction.
 * step is included because it is saturated everywhere (slope 0 on both sides), so its 100% reading is the
 * honest one. softmax is left out: a confident one-hot output is its goal on the output layer, not a
 * sign of trouble. elu/selu flatten only on the negative side, so they are left out too.
 */
export const SATURATING: ReadonlySet<string> = new Set(['step', 'sigmoid', 'hard_sigmoid', 'tanh', 'softsign']);
