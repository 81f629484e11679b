import { describe, expect, it } from 'vitest';
import { ACTIVATION_LIST, ACTIVATIONS } from '../../core/catalog/activations';
import { paramsFor, readAt, sampleCurves, xAtPixel, yRangeOf } from '../../renderer/explorer/sampling';

describe('activation explorer sampling', () => {
  it('agrees with the catalog forward and derivative at sample points, for every activation', () => {
    for (const act of ACTIVATION_LIST) {
      const p = paramsFor(act.fn);
      const c = sampleCurves(act, p, -5, 5, 11);
      expect(c.xs).toEqual([-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]);
      c.xs.forEach((x, i) => {
        expect(c.f[i]).toBe(act.f(x, p));
        expect(c.df[i]).toBe(act.df(x, act.f(x, p), p));
      });
    }
    // Known values, so a catalog that changed both f and the sampler would still be caught.
    expect(readAt('sigmoid', {}, 0)).toEqual({ x: 0, f: 0.5, df: 0.25 });
    expect(readAt('relu', {}, -2)).toEqual({ x: -2, f: 0, df: 0 });
    expect(readAt('tanh', {}, 1).f).toBeCloseTo(0.7615941559557649, 15);
  });

  it('uses the catalog defaults and the user\'s params (leaky alpha, ELU alpha)', () => {
    expect(paramsFor('leaky_relu')).toEqual({ fn: 'leaky_relu', alpha: 0.01 });
    expect(readAt('leaky_relu', paramsFor('leaky_relu', { alpha: 0.2 }), -3)).toEqual({ x: -3, f: -0.6000000000000001, df: 0.2 });
    const elu = readAt('elu', paramsFor('elu', { alpha: 2 }), -1);
    expect(elu.f).toBeCloseTo(2 * (Math.exp(-1) - 1), 15);
    expect(elu.df).toBeCloseTo(2 * Math.exp(-1), 15);
    expect(ACTIVATIONS.elu!.f(-1, { alpha: 2 })).toBe(elu.f);
  });

  it('maps pointer pixels to x in [-5, 5] and covers every curve in the y range', () => {
    expect(xAtPixel(0, 200)).toBe(-5);
    expect(xAtPixel(100, 200)).toBe(0);
    expect(xAtPixel(250, 200)).toBe(5);
    const [lo, hi] = yRangeOf([sampleCurves(ACTIVATIONS.relu!, {}, -5, 5, 11)]);
    expect(lo).toBeLessThan(-1);
    expect(hi).toBeGreaterThan(5);
  });
});
