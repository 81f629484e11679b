/**
 * Every activation through the shared checkOp: shape, forward against an independent textbook formula,
 * and backward against central finite differences. The table is keyed by fn and must list exactly the
 * registered activations, so adding one without a case fails here.
 */
import { describe, expect, it } from 'vitest';
import { ACTIVATION_LIST } from '../../../../core/catalog/activations';
import { ActivationNode } from '../../../../core/catalog/nodes/activation';
import type { Shape } from '../../../../core/util/tensor';
import { checkOp, type OpCheck } from '../../../helpers/gradcheck';
import { runActivation } from './run-activation';

const TOL = 1e-3;
const FORWARD_TOL = 1e-9;

interface GradCase {
  params?: Record<string, unknown>;
  /** Per-sample input shape; [5] unless given. */
  shape?: Shape;
  expectShape?: Shape;
  inputRange?: [number, number];
  reference: NonNullable<OpCheck['reference']>;
}

/** Reference for an elementwise op: apply the scalar formula to every input value. */
/** Φ(x) = ½ + ∫₀ˣ φ(t) dt by composite Simpson's rule (2000 panels: error far below float32). */
function normalCdfBySimpson(x: number): number {
  const n = 2000;
  const h = x / n;
  const phi = (t: number) => Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
  let s = phi(0) + phi(x);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * phi(i * h);
  return 0.5 + (s * h) / 3;
}
const each = (g: (x: number) => number): GradCase['reference'] => ([x]) => Array.from(x!, g);

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/** Softmax of every row of `d` values, the textbook way (fine for the small test inputs). */
const softmaxRows = (d: number): GradCase['reference'] => ([x]) => {
  const out: number[] = [];
  for (let o = 0; o < x!.length; o += d) {
    const e = Array.from(x!.subarray(o, o + d), Math.exp);
    const z = e.reduce((a, b) => a + b, 0);
    out.push(...e.map((v) => v / z));
  }
  return out;
};

/** [relu(x), relu(-x)] for every row of `d` values. */
const creluRows = (d: number): GradCase['reference'] => ([x]) => {
  const out: number[] = [];
  for (let o = 0; o < x!.length; o += d) {
    const row = Array.from(x!.subarray(o, o + d));
    out.push(...row.map((v) => Math.max(v, 0)), ...row.map((v) => Math.max(-v, 0)));
  }
  return out;
};

/** PReLU with the drawn alpha tensor, one alpha per feature of the last axis (size d). */
const preluRows = (d: number): GradCase['reference'] => ([x], [alpha]) =>
  Array.from(x!, (v, i) => (v > 0 ? v : alpha![i % d]! * v));

// Inputs are drawn uniformly (default [-2, 2]); the chance that one lands within the finite-difference
// step (1e-6) of a kink at 0 is about 1e-6 per draw, and the seed is fixed. Ranges are widened where a
// function has kinks or flat parts elsewhere, so both sides of them are exercised.
const CASES: Record<string, GradCase> = {
  linear: { reference: each((x) => x) },
  step: { reference: each((x) => (x > 0 ? 1 : 0)) },
  sigmoid: { inputRange: [-6, 6], reference: each((x) => 1 / (1 + Math.exp(-x))) },
  hard_sigmoid: { inputRange: [-5, 5], reference: each((x) => Math.min(1, Math.max(0, x / 6 + 0.5))) },
  tanh: { reference: each(Math.tanh) },
  softsign: { inputRange: [-5, 5], reference: each((x) => x / (1 + Math.abs(x))) },
  relu: { reference: each((x) => Math.max(x, 0)) },
  leaky_relu: { params: { alpha: 0.1 }, reference: each((x) => (x > 0 ? x : 0.1 * x)) },
  prelu: { reference: preluRows(5) },
  relu6: { inputRange: [-3, 9], reference: each((x) => Math.min(Math.max(x, 0), 6)) },
  crelu: { expectShape: [10], reference: creluRows(5) },
  elu: { params: { alpha: 0.7 }, inputRange: [-4, 2], reference: each((x) => (x > 0 ? x : 0.7 * (Math.exp(x) - 1))) },
  selu: { inputRange: [-4, 2], reference: each((x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * (Math.exp(x) - 1))) },
  softplus: { inputRange: [-6, 6], reference: each((x) => Math.log(1 + Math.exp(x))) },
  gelu: { inputRange: [-4, 4], reference: each((x) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)))) },
  // The reference integrates the normal density by Simpson's rule: independent of the erfc in the catalog.
  gelu_erf: { inputRange: [-4, 4], reference: each((x) => x * normalCdfBySimpson(x)) },
  silu: { inputRange: [-6, 6], reference: each((x) => x / (1 + Math.exp(-x))) },
  mish: { inputRange: [-6, 6], reference: each((x) => x * Math.tanh(Math.log(1 + Math.exp(x)))) },
  softmax: { shape: [4], reference: softmaxRows(4) },
  log_softmax: { shape: [4], reference: (ins, ps, n) => Array.from(softmaxRows(4)(ins, ps, n), Math.log) },
};

/** Cases beyond one per fn: sequences, non-default params, shapes that change. */
const EXTRA: Array<{ name: string; fn: string } & GradCase> = [
  { name: 'softmax on a sequence [3, 4] (per position)', fn: 'softmax', shape: [3, 4], reference: softmaxRows(4) },
  { name: 'log_softmax on a sequence [3, 4] (per position)', fn: 'log_softmax', shape: [3, 4], reference: (ins, ps, n) => Array.from(softmaxRows(4)(ins, ps, n), Math.log) },
  { name: 'prelu on a sequence [3, 4] (alpha shared by positions)', fn: 'prelu', shape: [3, 4], reference: preluRows(4) },
  { name: 'crelu on a sequence [2, 3] → [2, 6]', fn: 'crelu', shape: [2, 3], expectShape: [2, 6], reference: creluRows(3) },
  { name: 'leaky_relu with its default alpha', fn: 'leaky_relu', reference: each((x) => (x > 0 ? x : 0.01 * x)) },
  { name: 'elu with its default alpha', fn: 'elu', inputRange: [-4, 2], reference: each((x) => (x > 0 ? x : Math.exp(x) - 1)) },
];

function check(fn: string, c: GradCase) {
  const shape = c.shape ?? [5];
  const r = checkOp({
    kind: ActivationNode,
    params: { fn, ...c.params },
    inputs: [shape],
    ...(c.inputRange ? { inputRange: c.inputRange } : {}),
    reference: c.reference,
  });
  // checkOp reports the shape; asserting it here is what makes the expected shape a real check.
  expect(r.outputShape).toEqual(c.expectShape ?? shape);
  expect(r.forwardMaxDiff).toBeLessThan(FORWARD_TOL);
  expect(r.maxRelError, r.worst).toBeLessThan(TOL);
  expect(r.checked).toBeGreaterThan(0);
  return r;
}

describe('activation gradient checks', () => {
  it('has a case for exactly the registered activations', () => {
    expect(Object.keys(CASES).sort()).toEqual(ACTIVATION_LIST.map((a) => a.fn).sort());
  });

  it.each(ACTIVATION_LIST.map((a) => a.fn))('%s matches its formula and finite differences', (fn) => {
    const c = CASES[fn];
    expect(c, `no gradient case for ${fn}`).toBeDefined();
    check(fn, c!);
  });

  it.each(EXTRA)('$name', ({ fn, ...c }) => {
    check(fn, c);
  });

  it('prelu checks the alpha gradient too (input and param entries)', () => {
    const r = check('prelu', CASES.prelu!);
    // 3 samples × 5 inputs, plus the 5 alphas.
    expect(r.checked).toBe(15 + 5);
  });

  it('prelu declares one alpha per feature, constant 0.25, without weight decay', () => {
    const specs = ActivationNode.paramTensors({ params: { fn: 'prelu' }, inputs: [[3, 7]], output: [3, 7] });
    expect(specs).toEqual([
      expect.objectContaining({ name: 'alpha', shape: [7], init: 'constant', value: 0.25, decay: false }),
    ]);
    expect(ActivationNode.paramTensors({ params: { fn: 'relu' }, inputs: [[7]], output: [7] })).toEqual([]);
  });

  it('step passes exactly zero gradient, whatever flows into it', () => {
    const xs = [-1.5, -0.2, 0, 0.3, 2];
    const run = runActivation({ fn: 'step' }, [5], xs, { dOutput: [3, -7, 1, 0.5, 100] });
    expect(Array.from(run.output)).toEqual([0, 0, 0, 1, 1]);
    expect(Array.from(run.dInput)).toEqual([0, 0, 0, 0, 0]);
    const r = check('step', CASES.step!);
    expect(r.maxRelError).toBe(0);
  });
});
