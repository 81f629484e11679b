import { analyzeGraph, type Analysis } from '../../core/graph/analyze';
import type { Graph } from '../../core/graph/schema';

/**
 * analyzeGraph on every edit, except edits that cannot change the result: moving nodes only changes
 * positions, and a drag produces such an edit every frame. Same edges, training and per-node
 * id/type/params (by reference) → the previous analysis is still right.
 */
export function createAnalyzer(analyze: (g: Graph) => Analysis = analyzeGraph) {
  let last: { graph: Graph; analysis: Analysis } | null = null;
  return (graph: Graph): Analysis => {
    if (last && last.graph === graph) return last.analysis;
    if (last && sameStructure(last.graph, graph)) {
      last = { graph, analysis: last.analysis };
      return last.analysis;
    }
    last = { graph, analysis: analyze(graph) };
    return last.analysis;
  };
}

export function sameStructure(a: Graph, b: Graph): boolean {
  if (a.edges !== b.edges || a.training !== b.training || a.nodes.length !== b.nodes.length) return false;
  for (let i = 0; i < a.nodes.length; i++) {
    const x = a.nodes[i]!;
    const y = b.nodes[i]!;
    if (x !== y && (x.id !== y.id || x.type !== y.type || x.params !== y.params)) return false;
  }
  return true;
}
