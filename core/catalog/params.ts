import { describeValue } from '../graph/problem';
import type { NodeKind, ParamSpec, ParamValues } from './types';

export function paramSpecsOf(kind: NodeKind, values: ParamValues): Record<string, ParamSpec> {
  return kind.paramsFor ? kind.paramsFor(values) : kind.params;
}

/** Fill defaults for absent params. Unknown params are left for the validator to report. */
export function withDefaults(kind: NodeKind, values: Record<string, unknown>): ParamValues {
  const out: ParamValues = {};
  // The fn (or any param that decides the others) must be resolved first.
  for (const [k, spec] of Object.entries(kind.params)) out[k] = (values[k] as ParamValues[string]) ?? spec.default;
  for (const [k, spec] of Object.entries(paramSpecsOf(kind, out))) out[k] = (values[k] as ParamValues[string]) ?? spec.default;
  return out;
}

/** Check one param value; returns a message like `must be a positive integer, got 0`, or null. */
export function checkParam(spec: ParamSpec, v: unknown): string | null {
  switch (spec.kind) {
    case 'int': {
      // Counts (min 1) read best as "a positive integer"; other ranges are stated in full.
      const range = spec.max === undefined ? `an integer ≥ ${spec.min}` : `an integer in [${spec.min}, ${spec.max}]`;
      const base = spec.min === 1 ? 'a positive integer' : range;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < spec.min) return `must be ${base}, got ${describeValue(v)}`;
      if (spec.max !== undefined && v > spec.max) {
        return spec.min === 1 ? `must be at most ${spec.max}, got ${describeValue(v)}` : `must be ${range}, got ${describeValue(v)}`;
      }
      return null;
    }
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return `must be a finite number, got ${describeValue(v)}`;
      const lo = spec.min === undefined || (spec.minExclusive ? v > spec.min : v >= spec.min);
      const hi = spec.max === undefined || (spec.maxExclusive ? v < spec.max : v <= spec.max);
      if (!lo || !hi) return `must be in ${rangeText(spec)}, got ${describeValue(v)}`;
      return null;
    }
    case 'boolean':
      return typeof v === 'boolean' ? null : `must be true or false, got ${describeValue(v)}`;
    case 'enum':
      return typeof v === 'string' && spec.options.includes(v)
        ? null
        : `must be one of ${spec.options.join(', ')}, got ${describeValue(v)}`;
  }
}

export function rangeText(spec: ParamSpec): string {
  if (spec.kind === 'int') return spec.max === undefined ? `[${spec.min}, ∞)` : `[${spec.min}, ${spec.max}]`;
  if (spec.kind === 'number') {
    const lo = spec.min === undefined ? '(-∞' : `${spec.minExclusive ? '(' : '['}${spec.min}`;
    const hi = spec.max === undefined ? '∞)' : `${spec.max}${spec.maxExclusive ? ')' : ']'}`;
    return `${lo}, ${hi}`;
  }
  if (spec.kind === 'enum') return spec.options.join(' | ');
  return 'true | false';
}
