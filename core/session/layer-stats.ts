import type { ParamValues } from '../catalog/types';
import { ACTIVATIONS, RELU_FAMILY } from '../catalog/activations';
import type { Executor } from '../engine/executor';
import type { NodeStats } from '../protocol/events';

const BINS = 20;

/**
 * Per-node statistics of the outputs of the last batch run through `exec` (n rows), and the L2 norm of
 * each parameter gradient from the last backward. What the UI draws as histograms and health badges.
 */
export function layerStats(exec: Executor, n: number): NodeStats[] {
  const { plan } = exec;
  const out: NodeStats[] = [];
  for (const op of plan.ops) {
    if (op.output === plan.lossTensor || op.type === 'Input') continue;
    const t = plan.tensors[op.output]!;
    const y = exec.values[op.output]!;
    const count = n * t.size;
    let sum = 0, sq = 0, lo = Infinity, hi = -Infinity;
    for (let i = 0; i < count; i++) {
      const v = y[i]!;
      sum += v;
      sq += v * v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const mean = count ? sum / count : 0;
    const std = count ? Math.sqrt(Math.max(0, sq / count - mean * mean)) : 0;
    if (!count) lo = hi = 0;
    const counts = new Array<number>(BINS).fill(0);
    const width = hi > lo ? (hi - lo) / BINS : 1;
    for (let i = 0; i < count; i++) counts[Math.min(BINS - 1, Math.floor((y[i]! - lo) / width))]!++;
    const stats: NodeStats = { id: op.node, mean, std, histogram: { min: lo, max: hi, counts }, gradNorms: {} };
    const fn = op.type === 'Activation' ? (op.params.fn as string) : null;
    if (fn && RELU_FAMILY.has(fn)) stats.deadFraction = deadUnits(y, n, t.size);
    else if (fn && ACTIVATIONS[fn] && isSaturating(fn)) stats.saturatedFraction = saturated(exec, op.inputs[0]!, op.output, n * t.size, fn, op.params);
    op.paramIds.forEach((pid) => {
      const g = exec.paramGrads[pid]!;
      let s = 0;
      for (let i = 0; i < g.length; i++) s += g[i]! * g[i]!;
      stats.gradNorms[plan.params[pid]!.name] = Math.sqrt(s);
      (stats.params ??= {})[plan.params[pid]!.name] = summary(exec.params[pid]!);
    });
    out.push(stats);
  }
  return out;
}

/** Fraction of units (columns) that output 0 for every row of the batch: they pass no gradient. */
function deadUnits(y: ArrayLike<number>, n: number, size: number): number {
  if (n === 0) return 0;
  let dead = 0;
  for (let j = 0; j < size; j++) {
    let alive = false;
    for (let i = 0; i < n && !alive; i++) alive = y[i * size + j] !== 0;
    if (!alive) dead++;
  }
  return dead / size;
}

function isSaturating(fn: string): boolean {
  return fn === 'sigmoid' || fn === 'tanh' || fn === 'hard_sigmoid' || fn === 'softsign';
}

/** Fraction of values where the slope is under a tenth of its peak (at 0): learning crawls there. */
function saturated(exec: Executor, inT: number, outT: number, count: number, fn: string, p: ParamValues): number {
  const act = ACTIVATIONS[fn]!;
  const x = exec.values[inT]!, y = exec.values[outT]!;
  const peak = act.df(0, act.f(0, p), p);
  if (!count || peak <= 0) return 0;
  let s = 0;
  for (let i = 0; i < count; i++) if (act.df(x[i]!, y[i]!, p) < 0.1 * peak) s++;
  return s / count;
}

/** Mean, min and max of a parameter tensor: enough to watch a PReLU's alpha or a gain move. */
function summary(v: ArrayLike<number>): { mean: number; min: number; max: number } {
  let sum = 0, lo = Infinity, hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    sum += x;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return v.length ? { mean: sum / v.length, min: lo, max: hi } : { mean: 0, min: 0, max: 0 };
}
