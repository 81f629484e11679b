/** Huge inputs must never turn into NaN or Infinity, in the scalar plot functions or in the kernels. */
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, ACTIVATION_LIST } from '../../../../core/catalog/activations';
import { ActivationNode } from '../../../../core/catalog/nodes/activation';
import { withDefaults } from '../../../../core/catalog/params';
import { runActivation } from './run-activation';

const HUGE = [1000, -1000, 1e6, -1e6, 700, -745];
const allFinite = (xs: ArrayLike<number>) => Array.from(xs).every(Number.isFinite);

describe('activation stability at large magnitudes', () => {
  it.each(ACTIVATION_LIST.map((a) => a.fn))('%s stays finite for ±1000 and beyond', (fn) => {
    const a = ACTIVATIONS[fn]!;
    const p = withDefaults(ActivationNode, { fn });
    for (const x of HUGE) {
      const y = a.f(x, p);
      expect(Number.isFinite(y), `f(${x}) = ${y}`).toBe(true);
      const d = a.df(x, y, p);
      expect(Number.isFinite(d), `f'(${x}) = ${d}`).toBe(true);
    }
    // Mixed-sign upstream gradient, one per output (crelu has twice as many outputs as inputs).
    const outLen = (a.outputShape?.([HUGE.length]) ?? [HUGE.length])[0]!;
    const dOutput = Array.from({ length: outLen }, (_, i) => (i % 2 ? -1 : 1));
    const run = runActivation({ fn }, [HUGE.length], HUGE, { dOutput });
    expect(allFinite(run.output), `output ${run.output}`).toBe(true);
    expect(allFinite(run.dInput), `dInput ${run.dInput}`).toBe(true);
    expect(run.dParams.every(allFinite)).toBe(true);
  });

  it('reaches the right limits, not just finite ones', () => {
    const p = withDefaults(ActivationNode, { fn: 'relu' });
    const f = (fn: string, x: number) => ACTIVATIONS[fn]!.f(x, p);
    expect([f('sigmoid', 1000), f('sigmoid', -1000)]).toEqual([1, 0]);
    expect([f('softplus', 1000), f('softplus', -1000)]).toEqual([1000, 0]);
    expect([f('tanh', 1000), f('hard_sigmoid', -1000), f('relu6', 1000)]).toEqual([1, 0, 6]);
    expect(f('silu', 1000)).toBe(1000);
    expect(f('mish', 1000)).toBe(1000);
    expect(f('gelu', 1000)).toBe(1000);
    // Negative side: all three tend to 0 from below (e.g. silu(-1000) = -1000·e^-1000), so the result
    // is 0 or -0 and never NaN.
    for (const fn of ['silu', 'mish', 'gelu']) expect(Math.abs(f(fn, -1000))).toBe(0);
    expect(f('selu', -1000)).toBeCloseTo(-1.0507009873554805 * 1.6732632423543772, 14);
  });

  it('softmax survives rows of huge scores', () => {
    const run = runActivation({ fn: 'softmax' }, [4], [
      1000, 1000, -1000, 0,
      -1000, -1000, -1000, -1000,
      1e6, -1e6, 999, 1000,
    ], { dOutput: [1, -2, 3, 0.5, 1, 2, 3, 4, -1, 1, 2, -2] });
    const y = Array.from(run.output);
    expect(allFinite(y) && allFinite(run.dInput)).toBe(true);
    expect(y.slice(0, 4)).toEqual([0.5, 0.5, 0, 0]);
    expect(y.slice(4, 8)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(y[8]).toBe(1);
    expect(y[9]! + y[10]! + y[11]!).toBe(0);
  });
});
