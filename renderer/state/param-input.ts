import { checkParam } from '../../core/catalog/params';
import type { ParamSpec } from '../../core/catalog/types';

export type ParsedInput = { ok: true; value: number | boolean | string } | { ok: false; message: string };

/**
 * Read what the learner typed into a param field and check it against the spec. An invalid entry is
 * reported and never applied to the graph.
 */
export function parseParamInput(spec: ParamSpec, text: string): ParsedInput {
  let value: number | boolean | string;
  if (spec.kind === 'int' || spec.kind === 'number') {
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
  return v === undefined || v === null ? '' : String(v);
}
