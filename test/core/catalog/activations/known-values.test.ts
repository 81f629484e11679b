/**
 * Values worked out by hand or with an independent calculation (python3, Decimal at 40 digits), not
 * with the implementation. Keyed by fn so that a new activation without known values fails here too.
 */
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, ACTIVATION_LIST } from '../../../../core/catalog/activations';
import { ActivationNode } from '../../../../core/catalog/nodes/activation';
import { withDefaults } from '../../../../core/catalog/params';
import type { Shape } from '../../../../core/util/tensor';
import { runActivation } from './run-activation';

/** Within a few ulps of values of order 1. */
const EPS = 1e-14;

interface Known {
  params?: Record<string, unknown>;
  /** [x, f(x)] for the scalar f (the inspector plot), also run through the real kernel. */
  values: Array<[number, number]>;
  /** [x, f'(x)] for the scalar df. */
  slopes: Array<[number, number]>;
  /** Whole-row cases for kernels that are not elementwise. */
  rows?: Array<{ shape: Shape; input: number[]; output: number[] }>;
}

const LN2 = Math.log(2);
const SELU_SCALE = 1.0507009873554805;

const KNOWN: Record<string, Known> = {
  linear: { values: [[-3.5, -3.5], [2, 2]], slopes: [[-3.5, 1], [2, 1]] },
  step: { values: [[-1, 0], [0, 0], [1e-9, 1], [3, 1]], slopes: [[-1, 0], [0, 0], [3, 0]] },
  // σ(ln 3) = 1 / (1 + 1/3) = 3/4.
  sigmoid: { values: [[0, 0.5], [Math.log(3), 0.75], [-3, 0.04742587317756678]], slopes: [[0, 0.25]] },
  hard_sigmoid: {
    values: [[1, 2 / 3], [0, 0.5], [-1.5, 0.25], [-3, 0], [-4, 0], [3, 1], [10, 1]],
    slopes: [[0, 1 / 6], [2.9, 1 / 6], [-4, 0], [4, 0]],
  },
  // tanh(ln 2) = (4 - 1) / (4 + 1) = 3/5, so tanh'(ln 2) = 1 - 9/25.
  tanh: { values: [[0, 0], [LN2, 0.6]], slopes: [[0, 1], [LN2, 0.64]] },
  softsign: { values: [[1, 0.5], [-3, -0.75], [0, 0]], slopes: [[0, 1], [1, 0.25], [-1, 0.25]] },
  relu: { values: [[-1, 0], [2.5, 2.5]], slopes: [[-1, 0], [2.5, 1]] },
  leaky_relu: { values: [[-2, -0.02], [3, 3]], slopes: [[-2, 0.01], [3, 1]] },
  // The scalar view of prelu shows its starting alpha, 0.25.
  prelu: {
    values: [[-2, -0.5], [3, 3]],
    slopes: [[-2, 0.25], [3, 1]],
    rows: [{ shape: [3], input: [-2, 3, -0.4], output: [-0.5, 3, -0.1] }],
  },
  relu6: { values: [[7, 6], [6, 6], [3, 3], [-1, 0]], slopes: [[7, 0], [3, 1], [-1, 0]] },
  crelu: {
    values: [[2, 2], [-2, 0]],
    slopes: [[2, 1], [-2, 0]],
    rows: [
      { shape: [4], input: [1, -2, 0, 3.5], output: [1, 0, 0, 3.5, 0, 2, 0, 0] },
      { shape: [2, 2], input: [1, -1, -3, 2], output: [1, 0, 0, 1, 0, 2, 3, 0] },
    ],
  },
  // e^-1 - 1
  elu: { values: [[-1, -0.6321205588285577], [2, 2]], slopes: [[-1, 0.36787944117144233], [2, 1]] },
  selu: {
    values: [[1, 1.0507009873554805], [-1, -1.1113307378125628], [0, 0]],
    // scale · alpha · e^-1
    slopes: [[1, SELU_SCALE], [-1, 0.646768603034814]],
  },
  softplus: {
    values: [[0, LN2], [-2, 0.1269280110429725], [3, 3.048587351573742]],
    slopes: [[0, 0.5]],
  },
  gelu: {
    values: [[1, 0.8411919906082768], [-1, -0.15880800939172324], [2, 1.954597694087775], [0, 0]],
    slopes: [[0, 0.5]],
  },
  // PyTorch's torch.nn.functional.gelu in float64 (the exact form); gelu_erf'(1) = Φ(1) + φ(1).
  gelu_erf: {
    values: [[1, 0.841344746068543], [-1, -0.15865525393145702], [2, 1.9544997361036416], [-3, -0.00404969409489031], [0, 0]],
    slopes: [[0, 0.5], [1, 1.0833154705876864]],
  },
  silu: { values: [[1, 0.7310585786300049], [-2, -0.2384058440442351], [0, 0]], slopes: [[0, 0.5]] },
  // mish'(0) = tanh(softplus(0)) = tanh(ln 2) = 0.6.
  mish: { values: [[1, 0.8650983882673103], [-1, -0.30340146137410895], [0, 0]], slopes: [[0, 0.6]] },
  // Scalar view: the two-class softmax([x, 0])[0], i.e. sigmoid.
  softmax: {
    values: [[0, 0.5], [Math.log(3), 0.75]],
    slopes: [[0, 0.25]],
    rows: [
      { shape: [3], input: [1, 2, 3], output: [0.09003057317038046, 0.24472847105479764, 0.6652409557748219] },
      // Adding a constant to a row changes nothing.
      { shape: [3], input: [1001, 1002, 1003], output: [0.09003057317038046, 0.24472847105479764, 0.6652409557748219] },
      { shape: [2, 4], input: [5, 5, 5, 5, Math.log(3), 0, -50, -50], output: [0.25, 0.25, 0.25, 0.25, 0.75, 0.25, 0, 0] },
    ],
  },
  // Scalar view: log of the two-class softmax, log σ(x); log σ(0) = −ln 2, slope σ(−0) = 0.5.
  log_softmax: {
    values: [[0, -LN2], [Math.log(3), Math.log(0.75)]],
    slopes: [[0, 0.5]],
    rows: [
      // log(softmax([1, 2, 3])), and a shifted row gives the same (where log(softmax) would hit log 0 = −∞).
      { shape: [3], input: [1, 2, 3], output: [-2.4076059644443806, -1.4076059644443806, -0.40760596444438063] },
      { shape: [3], input: [1001, 1002, 1003], output: [-2.4076059644443806, -1.4076059644443806, -0.40760596444438063] },
      { shape: [2], input: [0, -200], output: [0, -200] },
    ],
  },
};

/** A few extra settings: the fn's own params must actually reach f. */
const WITH_PARAMS: Array<{ fn: string; params: Record<string, unknown>; x: number; y: number }> = [
  { fn: 'leaky_relu', params: { alpha: 0.3 }, x: -2, y: -0.6 },
  { fn: 'elu', params: { alpha: 2 }, x: -1, y: -1.2642411176571153 },
];

const close = (got: ArrayLike<number>, want: readonly number[]) => {
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => expect(Math.abs(got[i]! - w), `index ${i}: got ${got[i]}, want ${w}`).toBeLessThan(EPS));
};

describe('activation known values', () => {
  it('has known values for exactly the registered activations', () => {
    expect(Object.keys(KNOWN).sort()).toEqual(ACTIVATION_LIST.map((a) => a.fn).sort());
  });

  it.each(ACTIVATION_LIST.map((a) => a.fn))('%s', (fn) => {
    const k = KNOWN[fn]!;
    const a = ACTIVATIONS[fn]!;
    const p = withDefaults(ActivationNode, { fn, ...k.params });
    close(k.values.map(([x]) => a.f(x, p)), k.values.map(([, y]) => y));
    close(k.slopes.map(([x]) => a.df(x, a.f(x, p), p)), k.slopes.map(([, s]) => s));
    // Elementwise kernels must compute the same values as the scalar f.
    if (!a.createKernel && !a.outputShape) {
      const xs = k.values.map(([x]) => x);
      close(runActivation({ fn, ...k.params }, [xs.length], xs).output, k.values.map(([, y]) => y));
    }
    for (const row of k.rows ?? []) close(runActivation({ fn, ...k.params }, row.shape, row.input).output, row.output);
  });

  it.each(WITH_PARAMS)('$fn with $params at $x', ({ fn, params, x, y }) => {
    close(runActivation({ fn, ...params }, [1], [x]).output, [y]);
  });
});
