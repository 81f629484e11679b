import { z } from 'zod';
import type { Graph } from './schema';

/**
 * Group nodes: a named set of nodes the editor can show as one box (collapsed) or open (expanded).
 * Groups are a view, not part of the network: they live in the graph file's `x-groups` extension
 * field, and compile, training and export read only nodes and edges, so they see through groups.
 */
export const GROUPS_FIELD = 'x-groups';

export interface GraphGroup {
  id: string;
  name: string;
  /** Member node ids, in graph order. */
  nodes: string[];
  collapsed: boolean;
}

const GroupSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  nodes: z.array(z.string()).min(1),
  collapsed: z.boolean().default(false),
});

/**
 * The graph's groups, with a message for each one that cannot be used (malformed, unknown or shared
 * nodes, a repeated id). Bad groups are left out of the result, never the graph's nodes.
 */
export function readGroups(graph: Graph): { groups: GraphGroup[]; problems: string[] } {
  const raw = graph[GROUPS_FIELD];
  if (raw === undefined) return { groups: [], problems: [] };
  if (!Array.isArray(raw)) return { groups: [], problems: [`${GROUPS_FIELD} must be a list of groups`] };
  const known = new Set(graph.nodes.map((n) => n.id));
  const owner = new Map<string, string>();
  const groups: GraphGroup[] = [];
  const problems: string[] = [];
  raw.forEach((entry, i) => {
    const r = GroupSchema.safeParse(entry);
    if (!r.success) return problems.push(`${GROUPS_FIELD}[${i}]: ${r.error.issues.map((e) => `${e.path.join('.') || 'group'} ${e.message}`).join('; ')}`);
    const g = r.data;
    if (groups.some((o) => o.id === g.id)) return problems.push(`${GROUPS_FIELD}[${i}]: the id "${g.id}" is used by another group`);
    const unknown = g.nodes.filter((n) => !known.has(n));
    if (unknown.length) return problems.push(`group "${g.name}": no node ${unknown.map((n) => `"${n}"`).join(', ')} in the graph`);
    const shared = g.nodes.find((n) => owner.has(n));
    if (shared) return problems.push(`group "${g.name}": node "${shared}" is already in group "${owner.get(shared)}"`);
    for (const n of g.nodes) owner.set(n, g.name);
    groups.push(g);
  });
  return { groups, problems };
}

/** The graph with these groups saved (the field is removed when there are none). */
export function withGroups(graph: Graph, groups: readonly GraphGroup[]): Graph {
  const { [GROUPS_FIELD]: _old, ...rest } = graph;
  return groups.length ? ({ ...rest, [GROUPS_FIELD]: groups.map((g) => ({ ...g, nodes: [...g.nodes] })) } as Graph) : (rest as Graph);
}

export const renameGroup = (groups: readonly GraphGroup[], id: string, name: string): GraphGroup[] =>
  groups.map((g) => (g.id === id ? { ...g, name } : g));

export const setCollapsed = (groups: readonly GraphGroup[], id: string, collapsed: boolean): GraphGroup[] =>
  groups.map((g) => (g.id === id ? { ...g, collapsed } : g));

/** A new group of these nodes (taken out of any group they were in; emptied groups disappear). */
export function addGroup(groups: readonly GraphGroup[], name: string, nodes: readonly string[]): GraphGroup[] {
  const taken = new Set(nodes);
  const kept = groups.map((g) => ({ ...g, nodes: g.nodes.filter((n) => !taken.has(n)) })).filter((g) => g.nodes.length > 0);
  let k = kept.length + 1;
  while (kept.some((g) => g.id === `g${k}`)) k++;
  return [...kept, { id: `g${k}`, name, nodes: [...nodes], collapsed: false }];
}

/**
 * Groups proposed from ONNX name scopes. PyTorch names a node after the modules it sits in:
 * `/layer1/layer1.0/conv1/Conv`, `/layer1/layer1.0/Relu`. Each node starts in its scope without the
 * op (`layer1/layer1.0/conv1`); a scope holding one node alone is widened a level until it meets
 * others (the deepest first), so a block's layers and its skip `Add` gather under the block
 * (`layer1.0`). Scopes of two or more nodes
 * become groups named after their last part.
 */
export function groupsFromScopes(onnxNames: ReadonlyMap<string, string>, nodeOrder: readonly string[]): GraphGroup[] {
  const scopeOf = new Map<string, string[]>();
  for (const id of nodeOrder) {
    const parts = (onnxNames.get(id) ?? '').split('/').filter((p) => p.trim() !== '');
    if (parts.length >= 2) scopeOf.set(id, parts.slice(0, -1));
  }
  const key = (parts: string[]) => parts.join('/');
  for (let changed = true; changed;) {
    changed = false;
    const count = new Map<string, number>();
    for (const parts of scopeOf.values()) count.set(key(parts), (count.get(key(parts)) ?? 0) + 1);
    // Deepest lone scopes first: a block's `Add` (scope `layer1/layer1.0`) must wait for its layers
    // (`layer1/layer1.0/conv1`, …) to widen into the block, or it would widen past them to `layer1`.
    const lone = [...scopeOf].filter(([, parts]) => count.get(key(parts)) === 1 && parts.length > 1);
    const deepest = Math.max(0, ...lone.map(([, parts]) => parts.length));
    for (const [id, parts] of lone) {
      if (parts.length !== deepest) continue;
      scopeOf.set(id, parts.slice(0, -1));
      changed = true;
    }
  }
  const byScope = new Map<string, string[]>();
  for (const id of nodeOrder) {
    const parts = scopeOf.get(id);
    if (parts) byScope.set(key(parts), [...(byScope.get(key(parts)) ?? []), id]);
  }
  let k = 0;
  return [...byScope]
    .filter(([, ids]) => ids.length >= 2)
    .map(([scope, ids]) => ({ id: `g${++k}`, name: scope.split('/').pop()!, nodes: ids, collapsed: false }));
}
