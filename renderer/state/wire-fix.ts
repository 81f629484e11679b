import { getNodeKind } from '../../core/catalog';
import { analyzeGraph } from '../../core/graph/analyze';
import type { Graph } from '../../core/graph/schema';
import { connectionProblem, type ProposedWire } from './connect-check';
import { connect, setParam } from './graph-edit';

export interface WireFix {
  /** What the button says, e.g. "Set Dense (d2) to 1 unit". */
  label: string;
  /** The graph with the fix applied and the wire added (one undo step). */
  apply: (graph: Graph) => Graph;
}

/**
 * A one-click fix for a refused wire, when a small change makes it fit: the nearest Dense upstream of
 * the source set to the width the target needs (1, the class count…), or the Loss switched to a
 * function that takes what arrives. Each candidate is checked with the same connection check as the
 * drag, on the changed graph — only a fix that really makes the wire fit is offered.
 */
export function suggestWireFix(graph: Graph, wire: ProposedWire): WireFix | null {
  const fits = (g: Graph) => connectionProblem(g, analyzeGraph(g), wire) === null;
  const dense = nearestDenseUpstream(graph, wire.source);
  if (dense) {
    const a = analyzeGraph(graph);
    const info = a.dataset?.info;
    const widths = new Set<number>([1]);
    if (info?.target.kind === 'classes') widths.add(info.target.classes);
    if (info?.target.kind === 'regression') widths.add(info.target.size);
    for (const units of widths) {
      const g = setParam(graph, dense.id, 'units', units);
      if (fits(g)) return { label: `Set ${dense.title} to ${units} unit${units === 1 ? '' : 's'}`, apply: (cur) => connect(setParam(cur, dense.id, 'units', units), asConnection(wire)).graph };
    }
  }
  const target = graph.nodes.find((n) => n.id === wire.target);
  if (target?.type === 'Loss') {
    const fns = getNodeKind('Loss')?.params.fn;
    const options = fns && 'options' in fns ? (fns.options as readonly string[]) : ['bce', 'cross_entropy', 'mse'];
    for (const fn of options) {
      if (fn === target.params.fn) continue;
      const g = setParam(graph, target.id, 'fn', fn);
      if (fits(g)) return { label: `Set Loss to ${fn}`, apply: (cur) => connect(setParam(cur, target.id, 'fn', fn), asConnection(wire)).graph };
    }
  }
  return null;
}

/** The Dense feeding `id` through shape-keeping nodes (activations, dropout…), or `id` itself. */
function nearestDenseUpstream(graph: Graph, id: string): { id: string; title: string } | null {
  let cur: string | undefined = id;
  for (let hops = 0; cur !== undefined && hops < 6; hops++) {
    const node = graph.nodes.find((n) => n.id === cur);
    if (!node) return null;
    if (node.type === 'Dense') {
      const twins = graph.nodes.filter((n) => n.type === 'Dense').length;
      return { id: node.id, title: twins > 1 ? `Dense (${node.id})` : 'Dense' };
    }
    if (!['Activation', 'Dropout', 'LayerNorm'].includes(node.type)) return null;
    const ins = graph.edges.filter((e) => e.target === cur);
    if (ins.length !== 1) return null;
    cur = ins[0]!.source;
  }
  return null;
}

function asConnection(w: ProposedWire) {
  return { source: w.source, target: w.target, sourceHandle: w.sourceHandle ?? null, targetHandle: w.targetHandle ?? null };
}
