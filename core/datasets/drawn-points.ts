import type { ParamValues, TargetInfo } from '../catalog/types';
import { describeValue } from '../graph/problem';
import { allocRows, type Rows } from './split';

/**
 * Points a person drew on the decision view, saved in the graph file as the 2D datasets' `points`
 * param: `[{ "x": 1.5, "y": -2, "label": 1 }, …]`. `label` is the class index (0-based) for the
 * classification sets, and the target value for `plane`.
 */
export interface DrawnPoint {
  x: number;
  y: number;
  label: number;
}

export const POINTS_PARAM = 'points';
/**
 * `"add"` (the default): the drawn points join the generated ones. `"only"`: train on the drawn points
 * alone (`samples` and `noise` are then unused). Like `points`, it is carried beside the scalar params
 * only when the graph sets it, so graphs without drawings resolve exactly as before.
 */
export const POINTS_MODE_PARAM = 'pointsMode';
export const POINTS_MODES = ['add', 'only'] as const;
export type PointsMode = (typeof POINTS_MODES)[number];
/** At most this many drawn points: plenty for a hand, small enough for a graph file. */
export const MAX_DRAWN_POINTS = 10_000;

export type PointsCheck = { ok: true; points: DrawnPoint[] } | { ok: false; path: string; message: string };

/**
 * Check the `points` value against the dataset's target: every point an object with finite x, y and
 * a label that is a class index (or any finite number for regression). Paths are relative to the
 * points param, e.g. `points[3].label`.
 */
export function checkDrawnPoints(value: unknown, target: TargetInfo, mode: unknown): PointsCheck {
  const fail = (path: string, message: string): PointsCheck => ({ ok: false, path, message });
  if (!(POINTS_MODES as readonly unknown[]).includes(mode)) return fail(POINTS_MODE_PARAM, `must be one of ${POINTS_MODES.join(', ')}, got ${describeValue(mode)}`);
  if (!Array.isArray(value)) return fail(POINTS_PARAM, `must be an array of {x, y, label}, got ${describeValue(value)}`);
  if (value.length > MAX_DRAWN_POINTS) return fail(POINTS_PARAM, `has ${value.length} points; at most ${MAX_DRAWN_POINTS} can be drawn`);
  if (mode === 'only' && value.length === 0) return fail(POINTS_PARAM, 'is empty, but pointsMode is "only": draw at least one point, or set pointsMode to "add"');
  const classes = target.kind === 'binary' ? 2 : target.kind === 'classes' ? target.classes : 0;
  const points: DrawnPoint[] = [];
  for (let i = 0; i < value.length; i++) {
    const p = value[i] as Record<string, unknown>;
    const at = `${POINTS_PARAM}[${i}]`;
    if (typeof p !== 'object' || p === null || Array.isArray(p)) return fail(at, `must be an object {x, y, label}, got ${describeValue(p)}`);
    const extra = Object.keys(p).filter((k) => k !== 'x' && k !== 'y' && k !== 'label');
    if (extra.length) return fail(at, `unknown field${extra.length > 1 ? 's' : ''} ${extra.map((k) => `"${k}"`).join(', ')} (a point has x, y and label)`);
    for (const k of ['x', 'y', 'label'] as const) {
      if (typeof p[k] !== 'number' || !Number.isFinite(p[k])) return fail(`${at}.${k}`, `must be a finite number, got ${describeValue(p[k])}`);
    }
    const label = p.label as number;
    if (classes > 0 && (!Number.isInteger(label) || label < 0 || label >= classes)) {
      return fail(`${at}.label`, `must be a class index from 0 to ${classes - 1}, got ${label}`);
    }
    points.push({ x: p.x as number, y: p.y as number, label });
  }
  return { ok: true, points };
}

/**
 * ParamValues hold scalars, so the resolver carries the checked points beside them under the same
 * key; this is the one place that reads them back.
 */
export function drawnPointsOf(params: ParamValues): DrawnPoint[] {
  const v = (params as Record<string, unknown>)[POINTS_PARAM];
  return Array.isArray(v) ? (v as DrawnPoint[]) : [];
}

export function pointsModeOf(params: ParamValues): PointsMode {
  return params[POINTS_MODE_PARAM] === 'only' ? 'only' : 'add';
}

export function withDrawnPoints(params: ParamValues, points: DrawnPoint[], mode: PointsMode | undefined): ParamValues {
  return { ...params, [POINTS_PARAM]: points as unknown as string, ...(mode !== undefined ? { [POINTS_MODE_PARAM]: mode } : {}) };
}

/** Generated rows followed by the drawn ones (the seeded split then shuffles them together). */
export function appendDrawnPoints(rows: Rows | null, points: DrawnPoint[]): Rows {
  const before = rows?.count ?? 0;
  const out = allocRows(before + points.length, 2, 1);
  if (rows) {
    out.inputs.set(rows.inputs);
    out.targets.set(rows.targets);
  }
  points.forEach((p, i) => {
    out.inputs[2 * (before + i)] = p.x;
    out.inputs[2 * (before + i) + 1] = p.y;
    out.targets[before + i] = p.label;
  });
  return out;
}
