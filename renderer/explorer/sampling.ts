import { ACTIVATIONS } from '../../core/catalog/activations';
import type { ActivationFn } from '../../core/catalog/activations/types';
import { ActivationNode } from '../../core/catalog/nodes/activation';
import { withDefaults } from '../../core/catalog/params';
import type { ParamValues } from '../../core/catalog/types';

/** The explorer's x range: wide enough to see saturation, narrow enough to see the kink at 0. */
export const X_RANGE: readonly [number, number] = [-5, 5];

export interface Curves {
  fn: string;
  xs: number[];
  f: number[];
  df: number[];
}

/** An activation's own params with the catalog defaults filled in, then `overrides` on top. */
export function paramsFor(fn: string, overrides: ParamValues = {}): ParamValues {
  return { ...withDefaults(ActivationNode, { fn }), ...overrides };
}

/** f and f′ at n evenly spaced points of [lo, hi], straight from the catalog's functions (no clamping). */
export function sampleCurves(act: ActivationFn, params: ParamValues, lo: number, hi: number, n: number): Curves {
  const xs: number[] = [], f: number[] = [], df: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = lo + ((hi - lo) * i) / (n - 1);
    const y = act.f(x, params);
    xs.push(x);
    f.push(y);
    df.push(act.df(x, y, params));
  }
  return { fn: act.fn, xs, f, df };
}

/** The exact values at one x, for the hover readout. */
export function readAt(fn: string, params: ParamValues, x: number): { x: number; f: number; df: number } {
  const act = ACTIVATIONS[fn]!;
  const y = act.f(x, params);
  return { x, f: y, df: act.df(x, y, params) };
}

/** The x under a pointer at `px` of a plot `width` wide showing [lo, hi] (clamped to the range). */
export function xAtPixel(px: number, width: number, lo = X_RANGE[0], hi = X_RANGE[1]): number {
  const t = Math.max(0, Math.min(1, px / width));
  return lo + t * (hi - lo);
}

/** A y range covering every curve (finite values only), at least [-1, 1], with a small margin. */
export function yRangeOf(curves: readonly Curves[]): [number, number] {
  let lo = -1, hi = 1;
  for (const c of curves) {
    for (const v of [...c.f, ...c.df]) {
      if (!Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}
