import { pruneGroups } from '../groups/group-model';
import { getNodeKind } from '../../core/catalog';
import { paramSpecsOf, withDefaults } from '../../core/catalog/params';
import type { ParamValues } from '../../core/catalog/types';
import { DEFAULT_TRAINING, GRAPH_FORMAT, GRAPH_VERSION, type Graph, type GraphEdge, type GraphNode } from '../../core/graph/schema';

/**
 * Pure edits of a Graph. Each returns a new graph sharing every untouched node and edge, so the
 * undo history stores cheap snapshots and memoised views skip what did not change.
 */

export interface XY {
  x: number;
  y: number;
}

export function emptyGraph(name = 'Untitled'): Graph {
  return { format: GRAPH_FORMAT, version: GRAPH_VERSION, name, nodes: [], edges: [], training: structuredClone(DEFAULT_TRAINING) };
}

/** Readable ids (`dense3`), because they appear in problem messages and exported code. */
export function freshId(base: string, taken: ReadonlySet<string>): string {
  const stem = base.toLowerCase().replace(/[^a-z0-9]+/g, '') || 'n';
  for (let i = 1; ; i++) if (!taken.has(`${stem}${i}`)) return `${stem}${i}`;
}

export function nodeIds(graph: Graph): Set<string> {
  return new Set(graph.nodes.map((n) => n.id));
}

export function edgeIds(graph: Graph): Set<string> {
  return new Set(graph.edges.map((e) => e.id));
}

export interface NewNode {
  type: string;
  params?: Record<string, unknown>;
  position: XY;
}

export function addNode(graph: Graph, spec: NewNode): { graph: Graph; id: string } {
  const id = freshId(spec.type, nodeIds(graph));
  const node: GraphNode = { id, type: spec.type, params: { ...(spec.params ?? {}) }, position: roundXY(spec.position) };
  return { graph: { ...graph, nodes: [...graph.nodes, node] }, id };
}

/** Remove nodes and edges; edges touching a removed node go too. */
export function removeItems(graph: Graph, nodes: ReadonlySet<string>, edges: ReadonlySet<string> = new Set()): Graph {
  if (nodes.size === 0 && edges.size === 0) return graph;
  const keptNodes = graph.nodes.filter((n) => !nodes.has(n.id));
  const keptEdges = graph.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target));
  if (keptNodes.length === graph.nodes.length && keptEdges.length === graph.edges.length) return graph;
  // A removed node also leaves its group (x-groups), so the saved file names no missing node.
  return pruneGroups({ ...graph, nodes: keptNodes, edges: keptEdges });
}

export function moveNodes(graph: Graph, positions: ReadonlyMap<string, XY>): Graph {
  let changed = false;
  const nodes = graph.nodes.map((n) => {
    const p = positions.get(n.id);
    if (!p) return n;
    const r = roundXY(p);
    if (n.position && n.position.x === r.x && n.position.y === r.y) return n;
    changed = true;
    return { ...n, position: r };
  });
  return changed ? { ...graph, nodes } : graph;
}

/**
 * Set one param. Changing an Activation's `fn` drops the params the new function does not have,
 * so that switching leaky_relu → tanh does not leave a stray `alpha` behind as an error.
 */
export function setParam(graph: Graph, nodeId: string, name: string, value: ParamValues[string]): Graph {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (!node || node.params[name] === value) return graph;
  let params: Record<string, unknown> = { ...node.params, [name]: value };
  const kind = getNodeKind(node.type);
  if (kind?.paramsFor && name in kind.params) {
    const specs = paramSpecsOf(kind, withDefaults(kind, params));
    params = Object.fromEntries(Object.entries(params).filter(([k]) => k in specs));
  }
  return replaceNode(graph, { ...node, params });
}

export function replaceNode(graph: Graph, node: GraphNode): Graph {
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === node.id ? node : n)) };
}

export interface Connection {
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

/**
 * Add an edge. Handles are written only where the node has several ports (Add/Concat's `a`/`b`):
 * the file format leaves them out for single-port nodes, and so do the examples.
 */
export function connect(graph: Graph, c: Connection): { graph: Graph; id: string } {
  const id = freshId('e', edgeIds(graph));
  const edge: GraphEdge = { id, source: c.source, target: c.target };
  const src = getNodeKind(graph.nodes.find((n) => n.id === c.source)?.type ?? '');
  const dst = getNodeKind(graph.nodes.find((n) => n.id === c.target)?.type ?? '');
  if (c.sourceHandle && (src?.outputs.length ?? 0) > 1) edge.sourceHandle = c.sourceHandle;
  if (c.targetHandle && (dst?.inputs.length ?? 0) > 1) edge.targetHandle = c.targetHandle;
  return { graph: { ...graph, edges: [...graph.edges, edge] }, id };
}

/** Positions are stored as integers: files stay tidy and diffs small. */
function roundXY(p: XY): XY {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}
