/**
 * Python identifiers for node ids. Ids are free text in a graph ("in", "dense-1", "2nd"), so they are
 * made valid and kept readable: invalid characters become `_`, keywords and names the generated code
 * already uses get a trailing `_`, and a clash gets a numeric suffix.
 */
const PYTHON_KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'match', 'case',
]);

/** Names the generated code binds itself (modules, arguments, nn.Module members). */
const RESERVED = new Set([
  'x', 'self', 'torch', 'nn', 'F', 'np', 'math', 'keras', 'layers', 'tf', 'return_logits', 'inputs', 'outputs',
  'training', 'forward', 'train', 'eval', 'parameters', 'modules', 'children', 'state_dict', 'to', 'cuda', 'cpu',
  'float', 'double', 'type', 'apply', 'buffers', 'zero_grad', 'input', 'print', 'len', 'range', 'list', 'dict',
  'model', 'name', 'weight', 'bias',
]);

/** A map from node id to a unique, valid Python identifier. */
export function pythonNames(ids: readonly string[]): Map<string, string> {
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const id of ids) {
    let base = id.replace(/[^A-Za-z0-9_]/g, '_');
    if (base === '' || /^[0-9]/.test(base)) base = `n_${base}`;
    if (PYTHON_KEYWORDS.has(base) || RESERVED.has(base) || base.startsWith('__')) base = `${base}_`;
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    out.set(id, name);
  }
  return out;
}

/** A Python literal for a JSON-ish value. */
export function pyLiteral(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(pyLiteral).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${JSON.stringify(k)}: ${pyLiteral(x)}`).join(', ')}}`;
}

/** A Python float literal (always with a point or exponent, so `1` reads as 1.0). */
export function pyFloat(v: number): string {
  const s = String(v);
  return /[.eE]/.test(s) || !Number.isFinite(v) ? s : `${s}.0`;
}

/** Indent every line of a block by `spaces`. */
export function indent(lines: readonly string[], spaces: number): string[] {
  const pad = ' '.repeat(spaces);
  return lines.map((l) => (l === '' ? '' : pad + l));
}
