import type { ActivationFn } from '../../core/catalog/activations/types';
import type { ParamValues } from '../../core/catalog/types';

export interface PlotData {
  xs: number[];
  f: number[];
  df: number[];
  yMin: number;
  yMax: number;
}

/**
 * Sample f and f' for the inspector's plot. The y range covers both curves with a margin, is at
 * least [-1, 1] so flat functions do not look steep, and clamps wild values (step's slope is 0, but
 * others can blow up) to keep the picture readable.
 */
export function samplePlot(act: ActivationFn, params: ParamValues, lo: number, hi: number, n: number): PlotData {
  const xs: number[] = [];
  const f: number[] = [];
  const df: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = lo + ((hi - lo) * i) / (n - 1);
    const y = act.f(x, params);
    xs.push(x);
    f.push(clamp(y));
    df.push(clamp(act.df(x, y, params)));
  }
  const all = [...f, ...df].filter(Number.isFinite);
  let yMin = Math.min(-1, ...all);
  let yMax = Math.max(1, ...all);
  const pad = (yMax - yMin) * 0.06;
  yMin -= pad;
  yMax += pad;
  return { xs, f, df, yMin, yMax };
}

function clamp(v: number): number {
  return Number.isFinite(v) ? Math.max(-10, Math.min(10, v)) : 0;
}
