import type { Graph } from '../../core/graph/schema';

/**
 * What training depends on, without what it does not (node positions, labels, the description): moving
 * a block must not ask whether to stop a run, changing a unit count must.
 */
const fingerprints = new WeakMap<Graph, string>();

export function trainingFingerprint(graph: Graph): string {
  // Graphs are immutable in the editor, so each object is fingerprinted once.
  let f = fingerprints.get(graph);
  if (f === undefined) fingerprints.set(graph, (f = fingerprintOf(graph)));
  return f;
}

function fingerprintOf(graph: Graph): string {
  return JSON.stringify({
    nodes: graph.nodes.map((n) => [n.id, n.type, n.params]),
    edges: graph.edges.map((e) => [e.source, e.sourceHandle ?? '', e.target, e.targetHandle ?? '']),
    training: graph.training,
  });
}

/** The Activation nodes a variant run can swap, with their current function. */
export function activationNodes(graph: Graph): { id: string; fn: string; label: string }[] {
  return graph.nodes
    .filter((n) => n.type === 'Activation')
    .map((n) => {
      const fn = typeof n.params.fn === 'string' ? n.params.fn : 'relu';
      return { id: n.id, fn, label: n.label ?? n.id };
    });
}

/** A copy of the graph with one Activation node's function replaced (other params of that node dropped, since they belong to the old function). */
export function withActivation(graph: Graph, nodeId: string, fn: string): Graph {
  let found = false;
  const nodes = graph.nodes.map((n) => {
    if (n.id !== nodeId) return n;
    if (n.type !== 'Activation') throw new Error(`"${nodeId}" is a ${n.type} node, not an Activation`);
    found = true;
    return { ...n, params: { fn } };
  });
  if (!found) throw new Error(`no node "${nodeId}" in the graph`);
  return { ...graph, nodes };
}
