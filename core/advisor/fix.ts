import type { Graph, GraphEdge, GraphNode } from '../graph/schema';
import type { Fix, GraphEdit } from './types';

/** Why an edit could not be made: the graph changed since the warning was computed. */
export class FixError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FixError';
  }
}

/**
 * Apply a fix to a graph and return the new graph; the input is never modified, so an app can keep the
 * old one for undo. Throws FixError naming the node when an edit no longer fits the graph.
 */
export function applyFix(graph: Graph, fix: Fix): Graph {
  let g: Graph = { ...graph, nodes: graph.nodes.map((n) => ({ ...n, params: { ...n.params } })), edges: graph.edges.map((e) => ({ ...e })), training: structuredClone(graph.training) };
  for (const edit of fix.edits) g = applyEdit(g, edit);
  return g;
}

function applyEdit(g: Graph, edit: GraphEdit): Graph {
  switch (edit.kind) {
    case 'set-param': {
      const n = nodeOrThrow(g, edit.node);
      n.params[edit.param] = edit.value;
      return g;
    }
    case 'remove-node':
      return removeNode(g, edit.node);
    case 'insert-node':
      return insertNode(g, edit);
    case 'set-training': {
      if (edit.path.length === 0) throw new FixError('set-training needs a field path');
      let at = g.training as unknown as Record<string, unknown>;
      for (const key of edit.path.slice(0, -1)) {
        const next = at[key];
        if (typeof next !== 'object' || next === null) throw new FixError(`training.${edit.path.join('.')}: no such field`);
        at = next as Record<string, unknown>;
      }
      at[edit.path[edit.path.length - 1]!] = edit.value;
      return g;
    }
  }
}

function nodeOrThrow(g: Graph, id: string): GraphNode {
  const n = g.nodes.find((x) => x.id === id);
  if (!n) throw new FixError(`node "${id}" is not in the graph any more`);
  return n;
}

/** Remove a node fed by one edge; every edge out of it now starts where that edge started. */
function removeNode(g: Graph, id: string): Graph {
  nodeOrThrow(g, id);
  const incoming = g.edges.filter((e) => e.target === id);
  if (incoming.length !== 1) throw new FixError(`node "${id}" has ${incoming.length} inputs; only a node with one input can be removed by a fix`);
  const from = incoming[0]!;
  const edges: GraphEdge[] = [];
  for (const e of g.edges) {
    if (e === from) continue;
    if (e.source !== id) {
      edges.push(e);
      continue;
    }
    const rewired: GraphEdge = { ...e, source: from.source };
    if (from.sourceHandle !== undefined) rewired.sourceHandle = from.sourceHandle;
    else delete rewired.sourceHandle;
    edges.push(rewired);
  }
  return { ...g, nodes: g.nodes.filter((n) => n.id !== id), edges };
}

function insertNode(g: Graph, edit: Extract<GraphEdit, { kind: 'insert-node' }>): Graph {
  const after = nodeOrThrow(g, edit.after);
  const id = freeId(new Set(g.nodes.map((n) => n.id)), edit.node.id);
  const out = g.edges.filter((e) => e.source === edit.after && (edit.before === undefined || e.target === edit.before));
  if (out.length === 0) throw new FixError(`no edge from "${edit.after}"${edit.before ? ` to "${edit.before}"` : ''} to insert a node on`);
  const node: GraphNode = { id, type: edit.node.type, params: { ...edit.node.params } };
  // Halfway to the next node, so the new one lands between the two on the canvas.
  const next = g.nodes.find((n) => n.id === out[0]!.target);
  if (after.position) {
    node.position = next?.position
      ? { x: (after.position.x + next.position.x) / 2, y: (after.position.y + next.position.y) / 2 + 60 }
      : { x: after.position.x + 100, y: after.position.y };
  }
  const edgeIds = new Set(g.edges.map((e) => e.id));
  // The inserted node has one output, so the rewired edges need no source handle.
  const edges = g.edges.map((e) => {
    if (!out.includes(e)) return e;
    const { sourceHandle: _old, ...rest } = e;
    void _old;
    return { ...rest, source: id };
  });
  const firstHandle = out[0]!.sourceHandle;
  const inEdge: GraphEdge = { id: freeId(edgeIds, `${edit.after}-${id}`), source: edit.after, target: id };
  if (firstHandle !== undefined) inEdge.sourceHandle = firstHandle;
  edges.push(inEdge);
  const index = g.nodes.indexOf(after);
  const nodes = [...g.nodes.slice(0, index + 1), node, ...g.nodes.slice(index + 1)];
  return { ...g, nodes, edges };
}

function freeId(taken: Set<string>, wish: string): string {
  if (!taken.has(wish)) return wish;
  for (let i = 2; ; i++) if (!taken.has(`${wish}_${i}`)) return `${wish}_${i}`;
}
