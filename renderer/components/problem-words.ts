import { getNodeKind } from '../../core/catalog';
import { ACTIVATIONS } from '../../core/catalog/activations';
import type { Problem } from '../../core/graph/problem';
import type { Graph } from '../../core/graph/schema';

/**
 * A problem in plain words: the node's title as the canvas shows it ("Dense", "Sigmoid", or the
 * node's own label) instead of a JSON path; the path stays available for a details line.
 */
export function problemWords(p: Problem, graph: Graph): { where: string; text: string; details: string } {
  const details = p.path === '' ? 'graph' : `${p.path}${p.nodeId !== undefined ? ` (id "${p.nodeId}")` : p.edgeId !== undefined ? ` (id "${p.edgeId}")` : ''}`;
  return { where: whereOf(p, graph), text: p.message, details };
}

function whereOf(p: Problem, graph: Graph): string {
  if (p.nodeId !== undefined) return nodeTitle(graph, p.nodeId);
  if (p.edgeId !== undefined) {
    const e = graph.edges.find((x) => x.id === p.edgeId);
    return e ? `Wire ${nodeTitle(graph, e.source)} → ${nodeTitle(graph, e.target)}` : 'A wire';
  }
  if (p.path.startsWith('training.dataset')) return 'Dataset';
  if (p.path.startsWith('training')) return 'Training settings';
  return 'Graph';
}

export function nodeTitle(graph: Graph, id: string): string {
  const n = graph.nodes.find((x) => x.id === id);
  if (!n) return `"${id}"`;
  if (n.label) return n.label;
  const fn = typeof n.params.fn === 'string' ? n.params.fn : undefined;
  const act = n.type === 'Activation' && fn ? ACTIVATIONS[fn] : undefined;
  const base = act?.title ?? getNodeKind(n.type)?.title ?? n.type;
  // Two nodes of one kind read the same: the id tells them apart.
  const same = graph.nodes.filter((x) => x.type === n.type && (x.type !== 'Activation' || x.params.fn === n.params.fn)).length;
  return same > 1 ? `${base} (${id})` : base;
}
