import type { Analysis } from '../../core/graph/analyze';
import type { Graph, GraphEdge, GraphNode } from '../../core/graph/schema';
import { formatShape } from '../../core/util/tensor';
import { nodeView, problemsByNode, toFlowEdge, toFlowNode, type FlowEdge, type FlowNode, type Size } from './flow-convert';

export interface Selection {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

interface NodeEntry {
  node: GraphNode;
  problems: string;
  shape: string;
  selected: boolean;
  measured: Size | undefined;
  flow: FlowNode;
}

interface EdgeEntry {
  edge: GraphEdge;
  label: string;
  selected: boolean;
  flow: FlowEdge;
}

/**
 * Builds the canvas's node and edge arrays, handing back the previous object for everything whose
 * inputs did not change. The memo()'d node components then re-render only where something moved or
 * changed, which is what keeps a 300-node graph smooth while one node is dragged.
 */
export function createFlowBuilder() {
  let nodeCache = new Map<string, NodeEntry>();
  let edgeCache = new Map<string, EdgeEntry>();
  let lastEdges: FlowEdge[] = [];

  // Per-node facts of the last analysis; a drag keeps the analysis, so they are computed once.
  let facts: { analysis: Analysis | null; problems: Map<string, string[]>; keys: Map<string, [string, string]> } | null = null;

  function nodes(graph: Graph, analysis: Analysis | null, selection: Selection, measured: ReadonlyMap<string, Size>): FlowNode[] {
    if (!facts || facts.analysis !== analysis) facts = { analysis, problems: problemsByNode(analysis), keys: new Map() };
    const { problems, keys } = facts;
    const next = new Map<string, NodeEntry>();
    const out = graph.nodes.map((node) => {
      const probs = problems.get(node.id) ?? [];
      const shapeVal = analysis?.shapes.get(node.id);
      let key = keys.get(node.id);
      if (!key) keys.set(node.id, (key = [probs.join('\n'), shapeVal ? formatShape(shapeVal) : '']));
      const [problemsKey, shapeKey] = key;
      const selected = selection.nodes.has(node.id);
      const size = measured.get(node.id);
      const old = nodeCache.get(node.id);
      if (old && old.node === node && old.problems === problemsKey && old.shape === shapeKey && old.selected === selected && sameSize(old.measured, size)) {
        next.set(node.id, old);
        return old.flow;
      }
      // Keep the old data object when only position/selection changed, so the node body is not rebuilt.
      const sameData = old && old.node.type === node.type && old.node.params === node.params && old.node.label === node.label
        && old.problems === problemsKey && old.shape === shapeKey;
      const view = sameData ? old.flow.data : nodeView(node, probs, shapeVal);
      const flow = toFlowNode(node, view, selected, size);
      next.set(node.id, { node, problems: problemsKey, shape: shapeKey, selected, measured: size, flow });
      return flow;
    });
    nodeCache = next;
    return out;
  }

  function edges(graph: Graph, analysis: Analysis | null, selection: Selection): FlowEdge[] {
    const next = new Map<string, EdgeEntry>();
    const out = graph.edges.map((edge) => {
      const shape = analysis?.shapes.get(edge.source);
      const label = shape ? formatShape(shape) : '';
      const selected = selection.edges.has(edge.id);
      const old = edgeCache.get(edge.id);
      if (old && old.edge === edge && old.label === label && old.selected === selected) {
        next.set(edge.id, old);
        return old.flow;
      }
      const flow = toFlowEdge(graph, edge, analysis, selected);
      next.set(edge.id, { edge, label, selected, flow });
      return flow;
    });
    edgeCache = next;
    // Same edges → the same array: xyflow rebuilds its connection index whenever this array changes,
    // which on a big graph costs more than everything else in a drag frame.
    if (out.length === lastEdges.length && out.every((e, i) => e === lastEdges[i])) return lastEdges;
    lastEdges = out;
    return out;
  }

  return { nodes, edges };
}

function sameSize(a: Size | undefined, b: Size | undefined): boolean {
  return a === b || (!!a && !!b && a.width === b.width && a.height === b.height);
}

