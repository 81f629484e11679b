import { checkParam } from '../catalog/params';
import type { ParamValues } from '../catalog/types';
import { describeValue } from '../graph/problem';
import { DatasetNeedsFileError } from './csv';
import { checkDrawnPoints, POINTS_MODE_PARAM, POINTS_PARAM, withDrawnPoints, type PointsMode } from './drawn-points';
import { checkTextParam, DatasetParamError, textParamsOf } from './params';
import type { DatasetKind } from './types';

export interface DatasetParamProblem {
  /** e.g. `training.dataset.noise`, or `training.dataset.name` for an unknown dataset. */
  path: string;
  /** e.g. `must be in [0, 1], got 2`. */
  message: string;
}

export type ResolvedDatasetParams = { params: ParamValues } | { error: DatasetParamProblem };

/**
 * Check a graph's `training.dataset` (`{ name, ...params }`) against the dataset catalog and fill in
 * defaults. Reports the first problem: an unknown dataset, an unknown param, a bad value, or params that
 * contradict each other. Nothing is loaded, so a CSV file's columns are not checked here.
 */
export function resolveDatasetParams(
  ref: Record<string, unknown>,
  datasets: Record<string, DatasetKind>,
  basePath = 'training.dataset',
): ResolvedDatasetParams {
  const fail = (key: string, message: string): ResolvedDatasetParams => ({ error: { path: `${basePath}.${key}`, message } });
  const name = ref.name;
  const known = Object.keys(datasets).join(', ');
  if (typeof name !== 'string' || name === '') return fail('name', `must be a dataset name (${known}), got ${describeValue(name)}`);
  if (!Object.hasOwn(datasets, name)) return fail('name', `unknown dataset "${name}" (known: ${known})`);
  const kind = datasets[name]!;
  const textSpecs = textParamsOf(kind);
  const declared = [...Object.keys(kind.params), ...Object.keys(textSpecs), ...(kind.acceptsDrawnPoints ? [POINTS_PARAM, POINTS_MODE_PARAM] : [])];

  for (const key of Object.keys(ref)) {
    if (key !== 'name' && !declared.includes(key)) {
      return fail(key, `is not a param of dataset "${name}" (its params: ${declared.join(', ')})`);
    }
  }
  const params: ParamValues = {};
  for (const [key, spec] of Object.entries(kind.params)) {
    const v = ref[key] === undefined ? spec.default : ref[key];
    const problem = checkParam(spec, v);
    if (problem) return fail(key, problem);
    params[key] = v as ParamValues[string];
  }
  for (const [key, spec] of Object.entries(textSpecs)) {
    const v = ref[key] === undefined ? spec.default : ref[key];
    const problem = checkTextParam(spec, v);
    if (problem) return fail(key, problem);
    params[key] = v as string;
  }
  // describe() holds the cross-param rules (trainMin < trainMax, dims ≥ 5 + classes, …).
  let info;
  try {
    info = kind.describe(params);
  } catch (e) {
    if (e instanceof DatasetParamError) return fail(e.param, e.detail);
    if (!(e instanceof DatasetNeedsFileError)) return { error: { path: basePath, message: e instanceof Error ? e.message : String(e) } };
  }
  if (kind.acceptsDrawnPoints && info && (ref[POINTS_PARAM] !== undefined || ref[POINTS_MODE_PARAM] !== undefined)) {
    const checked = checkDrawnPoints(ref[POINTS_PARAM] ?? [], info.target, ref[POINTS_MODE_PARAM] ?? 'add');
    if (!checked.ok) return fail(checked.path, checked.message);
    return { params: withDrawnPoints(params, checked.points, ref[POINTS_MODE_PARAM] as PointsMode | undefined) };
  }
  return { params };
}
