/**
 * Facts about each activation function for the activation explorer's table and its advice, as data.
 * `test/core/catalog/activations/properties.test.ts` checks the measurable ones (range, monotonic,
 * smooth, zero-centred, saturation, trainable params) against the functions themselves, and that every
 * activation in the catalog has an entry.
 */
export interface ActivationProperties {
  /** Output range of the scalar function, ±Infinity for unbounded; `rangeText` says it for people. */
  range: readonly [number, number];
  rangeText: string;
  /** Never decreases as the input grows. */
  monotonic: boolean;
  /** Differentiable everywhere with a continuous slope (no kink, no jump), at the default params. */
  smooth: boolean;
  /** Symmetric around zero (f(−x) = −f(x)): inputs centred on 0 give outputs centred on 0. */
  zeroCentred: boolean;
  /** Where the slope goes to 0: on both sides, only for negative inputs, or nowhere. */
  saturates: 'both' | 'negative' | 'no';
  /** Has parameters that training learns (PReLU's alpha). */
  trainable: boolean;
  /** Rough cost per value: comparisons only, one exponential/tanh, or several. */
  cost: 'low' | 'medium' | 'high';
  /** When it is a good choice, in plain words. */
  good: string;
  /** When it is a poor choice, in plain words. */
  bad: string;
}

const INF = Infinity;

export const ACTIVATION_PROPERTIES: Readonly<Record<string, ActivationProperties>> = {
  linear: {
    range: [-INF, INF], rangeText: '(−∞, ∞)', monotonic: true, smooth: true, zeroCentred: true, saturates: 'no', trainable: false, cost: 'low',
    good: 'On the output of a regression, where the answer can be any number.',
    bad: 'Between layers: a stack of linear layers is still one linear map, so depth adds nothing.',
  },
  step: {
    range: [0, 1], rangeText: '{0, 1}', monotonic: true, smooth: false, zeroCentred: false, saturates: 'both', trainable: false, cost: 'low',
    good: 'For explaining the original perceptron, or a hard on/off decision after training.',
    bad: 'Anywhere training must pass through it: its slope is 0, so nothing before it learns.',
  },
  sigmoid: {
    range: [0, 1], rangeText: '(0, 1)', monotonic: true, smooth: true, zeroCentred: false, saturates: 'both', trainable: false, cost: 'medium',
    good: 'On the output for two classes (or several independent yes/no answers): it gives a probability.',
    bad: 'In deep hidden stacks: its slope is at most 0.25, so gradients shrink layer after layer.',
  },
  hard_sigmoid: {
    range: [0, 1], rangeText: '[0, 1]', monotonic: true, smooth: false, zeroCentred: false, saturates: 'both', trainable: false, cost: 'low',
    good: 'Where a sigmoid-like gate must be cheap, e.g. on small devices.',
    bad: 'When inputs are often beyond ±3: there the slope is exactly 0 and learning stops.',
  },
  tanh: {
    range: [-1, 1], rangeText: '(−1, 1)', monotonic: true, smooth: true, zeroCentred: true, saturates: 'both', trainable: false, cost: 'medium',
    good: 'Small hidden layers and recurrent cells: zero-centred, with slope 1 at 0.',
    bad: 'Very deep stacks or large inputs: it saturates, and the gradient fades.',
  },
  softsign: {
    range: [-1, 1], rangeText: '(−1, 1)', monotonic: true, smooth: true, zeroCentred: true, saturates: 'both', trainable: false, cost: 'low',
    good: 'Like tanh, but it approaches ±1 slowly, so it saturates later.',
    bad: 'When speed of learning matters more: it is rarely better than tanh or ReLU in practice.',
  },
  relu: {
    range: [0, INF], rangeText: '[0, ∞)', monotonic: true, smooth: false, zeroCentred: false, saturates: 'negative', trainable: false, cost: 'low',
    good: 'The default for hidden layers: cheap, and slope 1 wherever it is active.',
    bad: 'On a probability output, or with a learning rate so high that units die (always 0).',
  },
  leaky_relu: {
    range: [-INF, INF], rangeText: '(−∞, ∞)', monotonic: true, smooth: false, zeroCentred: false, saturates: 'no', trainable: false, cost: 'low',
    good: 'Instead of ReLU when units die: the small negative slope keeps them learning.',
    bad: 'As an output activation; and alpha is one more setting to choose.',
  },
  prelu: {
    range: [-INF, INF], rangeText: '(−∞, ∞)', monotonic: true, smooth: false, zeroCentred: false, saturates: 'no', trainable: true, cost: 'low',
    good: 'Like leaky ReLU, letting training pick the negative slope per feature.',
    bad: 'On small data, where the extra learned slopes can overfit.',
  },
  relu6: {
    range: [0, 6], rangeText: '[0, 6]', monotonic: true, smooth: false, zeroCentred: false, saturates: 'both', trainable: false, cost: 'low',
    good: 'Mobile and low-precision networks, where a bounded range helps.',
    bad: 'When outputs must grow beyond 6 (it cannot extrapolate, e.g. arithmetic).',
  },
  crelu: {
    range: [0, INF], rangeText: '[0, ∞) twice', monotonic: true, smooth: false, zeroCentred: false, saturates: 'no', trainable: false, cost: 'low',
    good: 'Early layers where both the positive and negative part of a feature carry information.',
    bad: 'When size matters: it doubles the features, and the next layer\'s weights with them.',
  },
  elu: {
    // Smooth only because the default alpha is 1: then the two sides meet with the same slope.
    range: [-1, INF], rangeText: '(−alpha, ∞)', monotonic: true, smooth: true, zeroCentred: false, saturates: 'negative', trainable: false, cost: 'medium',
    good: 'Instead of ReLU when units die or when a mean closer to zero helps.',
    bad: 'When every cycle counts: the exponential costs more than a comparison.',
  },
  selu: {
    range: [-1.7580993408473766, INF], rangeText: '(−1.758, ∞)', monotonic: true, smooth: false, zeroCentred: false, saturates: 'negative', trainable: false, cost: 'medium',
    good: 'Deep plain stacks of Dense layers with LeCun-normal weights: activations keep their scale.',
    bad: 'With dropout or other initialisations, which break its self-normalising property.',
  },
  softplus: {
    range: [0, INF], rangeText: '(0, ∞)', monotonic: true, smooth: true, zeroCentred: false, saturates: 'negative', trainable: false, cost: 'medium',
    good: 'When a strictly positive output is needed (a scale or a rate).',
    bad: 'As a general hidden activation: slower than ReLU with little gain.',
  },
  gelu: {
    range: [-0.1701, INF], rangeText: '≈(−0.17, ∞)', monotonic: false, smooth: true, zeroCentred: false, saturates: 'negative', trainable: false, cost: 'high',
    good: 'Transformer-style networks, where it is the usual choice.',
    bad: 'Small networks on tight budgets: it costs several times a ReLU.',
  },
  gelu_erf: {
    range: [-0.17, INF], rangeText: '≈(−0.17, ∞)', monotonic: false, smooth: true, zeroCentred: false, saturates: 'negative', trainable: false, cost: 'high',
    good: 'Reproducing a model trained with PyTorch\'s nn.GELU() (the exact form), e.g. one imported from ONNX.',
    bad: 'New small networks: it costs several times a ReLU and trains like the tanh-approximated GELU.',
  },
  silu: {
    range: [-0.2785, INF], rangeText: '≈(−0.278, ∞)', monotonic: false, smooth: true, zeroCentred: false, saturates: 'negative', trainable: false, cost: 'medium',
    good: 'Deeper networks, where its smoothness often trains a little better than ReLU.',
    bad: 'When you need outputs that never go below zero.',
  },
  mish: {
    range: [-0.3089, INF], rangeText: '≈(−0.309, ∞)', monotonic: false, smooth: true, zeroCentred: false, saturates: 'negative', trainable: false, cost: 'high',
    good: 'Similar uses to SiLU; some vision networks prefer it.',
    bad: 'When speed matters: it is among the most expensive here.',
  },
  softmax: {
    range: [0, 1], rangeText: '(0, 1), row sums to 1', monotonic: true, smooth: true, zeroCentred: false, saturates: 'both', trainable: false, cost: 'high',
    good: 'On the output for several classes: a probability for each, summing to 1.',
    bad: 'In hidden layers, or followed by another sigmoid or softmax.',
  },
  log_softmax: {
    range: [-Infinity, 0], rangeText: '(−∞, 0], log-probabilities of a row', monotonic: true, smooth: true, zeroCentred: false, saturates: 'no', trainable: false, cost: 'high',
    good: 'On the output of a classifier trained with a negative log-likelihood, as PyTorch models often are: it stays accurate where a probability would round to 0.',
    bad: 'In hidden layers, or feeding a loss that expects probabilities (take exp first, or use softmax there).',
  },
};
