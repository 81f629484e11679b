import type { Problem } from './problem';

/**
 * Checks on untrusted graph documents that run before any schema or migration code touches them:
 * every later step (zod, migrations, the editor's structuredClone, JSON.stringify on save) recurses,
 * copies keys or assumes a tree, so a file must be a reasonably sized, finite, acyclic tree of plain
 * data first. The walk is iterative so that nesting itself cannot overflow the stack here.
 */

/** Graph files larger than this are refused before parsing: real graphs are kilobytes. */
export const MAX_GRAPH_CHARS = 50 * 1024 * 1024;
/** Deeper than any graph needs (a node's params are ~4 levels down), far below stack limits. */
export const MAX_GRAPH_DEPTH = 64;
/** Keys that mean something to JavaScript objects; a graph never needs them and copying them is unsafe. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const problem = (path: string, code: string, message: string): Problem => ({ path, code, message, severity: 'error' });

function childPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  const safe = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  return base === '' ? safe : `${base}.${safe}`;
}

/** The first defect found (one is enough: the file cannot be used), or null when the document is plain data. */
export function checkDocumentSafety(doc: unknown): Problem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: doc, path: '', depth: 0 }];
  const onPath = new Set<object>();
  const seen = new Set<object>();
  // Post-order bookkeeping: an object leaves `onPath` once all its children were visited.
  const exits: { obj: object; after: number }[] = [];
  while (stack.length > 0) {
    while (exits.length > 0 && stack.length <= exits[exits.length - 1]!.after) onPath.delete(exits.pop()!.obj);
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'number' && !Number.isFinite(value)) {
      return problem(path, 'not-finite', `must be a finite number, got ${String(value)} (a number too large for the file format)`);
    }
    if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol') {
      return problem(path, 'not-data', `must be plain JSON data, got a ${typeof value}`);
    }
    if (typeof value !== 'object' || value === null) continue;
    if (onPath.has(value)) return problem(path, 'cyclic', 'refers back to itself (a cycle): a graph file must be a tree of plain data');
    if (depth >= MAX_GRAPH_DEPTH) return problem(path, 'too-deep', `is nested more than ${MAX_GRAPH_DEPTH} levels deep; a graph file never needs that`);
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) {
      return problem(path, 'not-data', 'must be plain JSON data (an object or array), got a class instance');
    }
    if (seen.has(value)) continue; // shared, not cyclic: fine for data that came from structured clone
    seen.add(value);
    onPath.add(value);
    exits.push({ obj: value, after: stack.length });
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: childPath(path, i), depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(value).reverse()) {
      if (FORBIDDEN_KEYS.has(key)) {
        return problem(childPath(path, key), 'forbidden-key', `the key "${key}" is not allowed in a graph file (it has a special meaning to JavaScript objects)`);
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: childPath(path, key), depth: depth + 1 });
    }
  }
  return null;
}
