import { checkParam } from '../../core/catalog/params';
import type { ParamSpec } from '../../core/catalog/types';

export type ParsedInput = { ok: true; value: number | boolean | string | number[] } | { ok: false; message: string };

/**
 * Read what the learner typed into a param field and check it against the spec. An invalid entry is
 * reported and never applied to the graph.
 */
export function parseParamInput(spec: ParamSpec, text: string): ParsedInput {
  let value: number | boolean | string | number[];
  if (spec.kind === 'ints') {
    // "1, 28, 28", "[1, 28, 28]" or "1 28 28": whatever separates the numbers.
    const parts = text.replace(/[[\]()]/g, ' ').split(/[\s,;]+/).filter(Boolean);
    if (parts.length === 0) return { ok: false, message: `enter ${spec.minLength === 1 ? 'one or more' : spec.minLength} whole numbers, e.g. ${spec.default.join(', ')}` };
    const bad = parts.find((t) => !Number.isFinite(Number(t)));
    if (bad !== undefined) return { ok: false, message: `"${bad}" is not a number` };
    value = parts.map(Number);
  } else if (spec.kind === 'padding') {
    const t = text.trim().toLowerCase();
    // "0, 0, 1, 1" (or "[0, 0, 1, 1]"): zeros per side, begins then ends.
    const parts = t.replace(/[[\]()]/g, ' ').split(/[\s,;]+/).filter(Boolean);
    value = t === 'valid' || t === 'same' ? t
      : parts.length > 1 && parts.every((x) => Number.isFinite(Number(x))) ? parts.map(Number)
      : t !== '' && Number.isFinite(Number(t)) ? Number(t) : t;
  } else if (spec.kind === 'int' || spec.kind === 'number') {
    const t = text.trim();
    if (t === '') return { ok: false, message: 'enter a number' };
    const n = Number(t);
    if (!Number.isFinite(n)) return { ok: false, message: `"${t}" is not a number` };
    value = n;
  } else if (spec.kind === 'boolean') {
    value = text === 'true';
  } else value = text;
  const msg = checkParam(spec, value);
  return msg ? { ok: false, message: msg } : { ok: true, value };
}

export function displayValue(v: unknown): string {
  if (Array.isArray(v)) return v.join(', ');
  return v === undefined || v === null ? '' : String(v);
}
