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
    case 'ints':
      return checkInts(spec, v);
    case 'padding':
      if (v === 'valid' || v === 'same') return null;
      if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= spec.max) return null;
      // A per-side list (begins, then ends); whether 2 or 4 entries fit is the node's shape rule's call.
      if (Array.isArray(v) && (v.length === 2 || v.length === 4) && v.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= spec.max)) return null;
      return `must be "valid", "same", an integer in [0, ${spec.max}] (zeros added on each side) or a list of 2 or 4 such integers (begins, then ends), got ${describeValue(v)}`;
  }
}

function checkInts(spec: Extract<ParamSpec, { kind: 'ints' }>, v: unknown): string | null {
  const what = `a list of ${spec.minLength === spec.maxLength ? spec.minLength : `${spec.minLength} to ${spec.maxLength}`} integers`;
  if (!Array.isArray(v)) return `must be ${what}, e.g. [${spec.default.join(', ')}], got ${describeValue(v)}`;
  if (v.length < spec.minLength || v.length > spec.maxLength) return `must be ${what}, got ${v.length}`;
  let minusOnes = 0;
  for (const x of v) {
    if (typeof x !== 'number' || !Number.isInteger(x)) return `must hold integers only, got ${describeValue(x)}`;
    if (x === -1 && spec.allowMinusOne) minusOnes++;
    else if (x < spec.min) return `must hold integers ≥ ${spec.min}${spec.allowMinusOne ? ' (or one -1)' : ''}, got ${x}`;
  }
  if (minusOnes > 1) return 'may hold at most one -1 (only one axis size can be worked out from the others)';
  return null;
}

export function rangeText(spec: ParamSpec): string {
  if (spec.kind === 'int') return spec.max === undefined ? `[${spec.min}, ∞)` : `[${spec.min}, ${spec.max}]`;
  if (spec.kind === 'number') {
    const lo = spec.min === undefined ? '(-∞' : `${spec.minExclusive ? '(' : '['}${spec.min}`;
    const hi = spec.max === undefined ? '∞)' : `${spec.max}${spec.maxExclusive ? ')' : ']'}`;
    return `${lo}, ${hi}`;
  }
  if (spec.kind === 'enum') return spec.options.join(' | ');
  if (spec.kind === 'ints') return `${spec.minLength === spec.maxLength ? spec.minLength : `${spec.minLength}–${spec.maxLength}`} integers`;
  if (spec.kind === 'padding') return `valid | same | 0–${spec.max} | [begins…, ends…]`;
  return 'true | false';
}
