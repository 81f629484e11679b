import { describeValue } from '../graph/problem';
import { checkParam } from '../catalog/params';
import type { ParamSpec, ParamValues } from '../catalog/types';
import type { DatasetKind } from './types';

/**
 * A param that names something, e.g. a CSV file or a column list. The shared `ParamSpec` has no string
 * kind, so datasets that need one declare it here, beside `params`, and the resolver checks it too.
 */
export interface TextParamSpec {
  kind: 'text';
  default: string;
  /** An empty value is an error (a CSV needs a path). */
  required?: boolean;
  description: string;
}

/** A dataset that also has text params (only `csv` today). */
export interface DatasetKindWithText extends DatasetKind {
  textParams: Record<string, TextParamSpec>;
}

export function textParamsOf(kind: DatasetKind): Record<string, TextParamSpec> {
  return 'textParams' in kind ? (kind as DatasetKindWithText).textParams : {};
}

/**
 * A param value that is wrong, or contradicts another. `param` lets the resolver point at
 * `training.dataset.<param>`; `detail` is the message without the param name.
 */
export class DatasetParamError extends Error {
  constructor(
    readonly param: string,
    readonly detail: string,
  ) {
    super(`${param}: ${detail}`);
    this.name = 'DatasetParamError';
  }
}

export function checkTextParam(spec: TextParamSpec, v: unknown): string | null {
  if (typeof v !== 'string') return `must be a string, got ${describeValue(v)}`;
  if (spec.required && v.trim() === '') return `must not be empty (${spec.description})`;
  return null;
}

/**
 * Fill defaults and check every declared param, throwing a DatasetParamError on the first bad one.
 * Unknown keys are ignored here: the resolver reports them with the graph path.
 */
export function settleParams(
  specs: Record<string, ParamSpec>,
  values: ParamValues,
  textSpecs: Record<string, TextParamSpec> = {},
): ParamValues {
  const out: ParamValues = {};
  for (const [name, spec] of Object.entries(specs)) {
    const v = values[name] === undefined ? spec.default : values[name];
    const problem = checkParam(spec, v);
    if (problem) throw new DatasetParamError(name, problem);
    out[name] = v;
  }
  for (const [name, spec] of Object.entries(textSpecs)) {
    const v = values[name] === undefined ? spec.default : values[name];
    const problem = checkTextParam(spec, v);
    if (problem) throw new DatasetParamError(name, problem);
    out[name] = v;
  }
  return out;
}

export function num(p: ParamValues, name: string): number {
  return p[name] as number;
}

export function text(p: ParamValues, name: string): string {
  return p[name] as string;
}

/** `samples`: how many rows to generate, before the train/validation split. */
export function samplesSpec(defaultCount: number, max = 100_000): ParamSpec {
  return { kind: 'int', default: defaultCount, min: 10, max, description: 'how many examples to make (train and validation together)' };
}

export const VALIDATION_SPLIT: ParamSpec = {
  kind: 'number',
  default: 0.2,
  min: 0,
  max: 0.9,
  description: 'fraction of the examples held out for validation, picked after a seeded shuffle',
};

/** The 2D toy sets follow TensorFlow Playground, whose noise slider is a fraction of the data's extent. */
export function noiseSpec(description: string): ParamSpec {
  return { kind: 'number', default: 0.1, min: 0, max: 1, description };
}
