import { describeValue } from './problem';
import { GRAPH_VERSION } from './schema';

/**
 * Each migration takes a plain object of version `from` and returns one of version `from + 1`.
 * They run on untrusted JSON before schema validation, so they must not assume a shape beyond what
 * they check. Version 0 was the pre-release format (nodes had `kind`, edges `from`/`to`); it is kept
 * so the mechanism is exercised even while 1 is the only published version.
 */
export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

export const MIGRATIONS: Record<number, Migration> = {
  0: (doc) => {
    const nodes = Array.isArray(doc.nodes) ? doc.nodes : [];
    const edges = Array.isArray(doc.edges) ? doc.edges : Array.isArray(doc.links) ? doc.links : [];
    const { links: _links, ...rest } = doc;
    return {
      ...rest,
      version: 1,
      nodes: nodes.map((n: unknown) => {
        if (!isObject(n) || !('kind' in n)) return n;
        const { kind, ...others } = n;
        return { ...others, type: kind };
      }),
      edges: edges.map((e: unknown, i: number) => {
        if (!isObject(e) || !('from' in e)) return e;
        const { from, to, ...others } = e;
        return { id: `e${i + 1}`, ...others, source: from, target: to };
      }),
    };
  },
};

export type MigrationResult =
  | { ok: true; doc: Record<string, unknown>; migratedFrom?: number }
  | { ok: false; message: string };

export function migrate(doc: Record<string, unknown>, migrations = MIGRATIONS, latest = GRAPH_VERSION): MigrationResult {
  const v = doc.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    return { ok: false, message: `must be a non-negative integer, got ${describeValue(v)}` };
  }
  if (v > latest) {
    return {
      ok: false,
      message: `this file is graph format version ${v}, newer than this NetLoom understands (up to ${latest}); update NetLoom to open it`,
    };
  }
  let cur = doc;
  for (let from = v; from < latest; from++) {
    const step = migrations[from];
    if (!step) return { ok: false, message: `no migration from graph format version ${from} to ${from + 1}` };
    cur = step(cur);
  }
  return v === latest ? { ok: true, doc: cur } : { ok: true, doc: cur, migratedFrom: v };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
