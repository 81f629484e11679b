import type { Edge, Node } from '@xyflow/react';
import { ACTIVATIONS } from '../../core/catalog/activations';
import { getNodeKind } from '../../core/catalog';
import { paramSpecsOf, withDefaults } from '../../core/catalog/params';
import type { Category, NodeKind, ParamValues } from '../../core/catalog/types';
import type { Analysis } from '../../core/graph/analyze';
import type { Graph, GraphEdge, GraphNode } from '../../core/graph/schema';
import { formatShape, type Shape } from '../../core/util/tensor';

/** What a canvas node shows; plain serialisable data, as xyflow recommends. */
export type NodeViewData = {
  type: string;
  category: Category | 'unknown';
  title: string;
  subtitle: string;
  fn?: string;
  label?: string;
  params: Record<string, unknown>;
  /** Key params as short `name value` lines. */
  summary: string[];
  /** Output shape, e.g. `[B, 8]`; null when it could not be inferred. */
  shape: string | null;
  problems: string[];
  inputs: string[];
  outputs: string[];
};

export type FlowNode = Node<NodeViewData, 'netloom'>;
export type FlowEdge = Edge<Record<string, never>>;
export interface Size {
  width: number;
  height: number;
}

export const NODE_TYPE = 'netloom';

/** Problem messages per node id, gathered once per analysis rather than once per node. */
export function problemsByNode(analysis: Analysis | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of analysis?.problems ?? []) {
    if (p.nodeId === undefined) continue;
    const list = out.get(p.nodeId);
    if (list) list.push(p.message);
    else out.set(p.nodeId, [p.message]);
  }
  return out;
}

export function nodeView(node: GraphNode, problems: string[], shape: Shape | undefined): NodeViewData {
  const kind = getNodeKind(node.type);
  const base = {
    type: node.type,
    params: node.params,
    problems,
    shape: shape && kind && kind.outputs.length > 0 ? formatShape(shape) : null,
    ...(node.label !== undefined ? { label: node.label } : {}),
  };
  if (!kind) return { ...base, category: 'unknown', title: node.type, subtitle: 'unknown type', summary: [], inputs: ['in'], outputs: ['out'] };
  const fn = node.type === 'Activation' ? String(node.params.fn ?? kind.params.fn!.default) : undefined;
  const act = fn !== undefined ? ACTIVATIONS[fn] : undefined;
  return {
    ...base,
    category: kind.category,
    title: act ? act.title : kind.title,
    subtitle: act ? 'Activation' : kindSubtitle(kind),
    ...(fn !== undefined ? { fn } : {}),
    summary: summarise(kind, node.params),
    inputs: kind.inputs.map((p) => p.name),
    outputs: kind.outputs.map((p) => p.name),
  };
}

function kindSubtitle(kind: NodeKind): string {
  return { data: 'Data', layer: 'Layer', activation: 'Activation', output: 'Output' }[kind.category];
}

/**
 * The first param always (it is the one that says what the node is: units, rate, loss fn), the others
 * only when changed from their default — enough to read a network at a glance without clutter.
 */
function summarise(kind: NodeKind, params: Record<string, unknown>): string[] {
  let values: ParamValues;
  try {
    values = withDefaults(kind, params);
  } catch {
    return [];
  }
  const specs = paramSpecsOf(kind, values);
  const lines: string[] = [];
  Object.entries(specs).forEach(([name, spec], i) => {
    if (kind.type === 'Activation' && name === 'fn') return;
    const v = params[name];
    const explicit = v !== undefined && v !== spec.default;
    if (i === 0 || explicit) lines.push(`${name} ${formatValue(v ?? spec.default)}`);
  });
  return lines.slice(0, 3);
}

function formatValue(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Handle ids are the catalog's port names; edges without a handle use the node's only port. */
function handleOf(graph: Graph, nodeId: string, handle: string | undefined, side: 'inputs' | 'outputs'): string | null {
  if (handle !== undefined) return handle;
  const kind = getNodeKind(graph.nodes.find((n) => n.id === nodeId)?.type ?? '');
  return kind?.[side][0]?.name ?? null;
}

export function toFlowNode(node: GraphNode, view: NodeViewData, selected: boolean, measured?: Size): FlowNode {
  return {
    id: node.id,
    type: NODE_TYPE,
    position: node.position ?? { x: 0, y: 0 },
    data: view,
    selected,
    ...(measured ? { measured } : {}),
  };
}

export function toFlowEdge(graph: Graph, edge: GraphEdge, analysis: Analysis | null, selected: boolean): FlowEdge {
  const shape = analysis?.shapes.get(edge.source);
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    sourceHandle: handleOf(graph, edge.source, edge.sourceHandle, 'outputs'),
    targetHandle: handleOf(graph, edge.target, edge.targetHandle, 'inputs'),
    selected,
    ...(shape ? { label: formatShape(shape) } : {}),
  };
}

export function graphToFlow(
  graph: Graph, analysis: Analysis | null, selection: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> } = { nodes: new Set(), edges: new Set() },
): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const problems = problemsByNode(analysis);
  return {
    nodes: graph.nodes.map((n) => toFlowNode(n, nodeView(n, problems.get(n.id) ?? [], analysis?.shapes.get(n.id)), selection.nodes.has(n.id))),
    edges: graph.edges.map((e) => toFlowEdge(graph, e, analysis, selection.edges.has(e.id))),
  };
}

/** Back from the canvas to the file's form: handles only where the node has several ports. */
export function flowToGraph(base: Graph, nodes: readonly FlowNode[], edges: readonly FlowEdge[]): Graph {
  const typeOf = new Map(nodes.map((n) => [n.id, n.data.type]));
  const ports = (id: string, side: 'inputs' | 'outputs') => getNodeKind(typeOf.get(id) ?? '')?.[side].length ?? 1;
  return {
    ...base,
    nodes: nodes.map((n) => ({
      id: n.id,
      type: n.data.type,
      ...(n.data.label !== undefined ? { label: n.data.label } : {}),
      params: n.data.params,
      position: { x: n.position.x, y: n.position.y },
    })),
    edges: edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      ...(e.sourceHandle && ports(e.source, 'outputs') > 1 ? { sourceHandle: e.sourceHandle } : {}),
      ...(e.targetHandle && ports(e.target, 'inputs') > 1 ? { targetHandle: e.targetHandle } : {}),
    })),
  };
}
