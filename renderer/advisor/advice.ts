import { adviseGraph, type AdvisorWarning } from '../../core/advisor';
import type { Graph } from '../../core/graph/schema';

/** One line of the advisor panel: a static warning, or a diagnostic the run reported. */
export interface AdviceItem extends AdvisorWarning {
  source: 'graph' | 'run';
  /** For run diagnostics: the epoch it was seen at. */
  epoch?: number;
}

// The advisor is pure, so one result per graph object is enough: the canvas marks and the panel
// share it, and it is recomputed only when an edit makes a new graph.
const cache = new WeakMap<Graph, AdvisorWarning[]>();

/** The static warnings of a graph (cached by graph identity). */
export function staticAdvice(graph: Graph): AdvisorWarning[] {
  let hit = cache.get(graph);
  if (!hit) {
    try {
      hit = adviseGraph(graph);
    } catch {
      // A half-edited graph the advisor cannot read gets no advice rather than a broken editor.
      hit = [];
    }
    cache.set(graph, hit);
  }
  return hit;
}

/**
 * The panel's list: the graph's warnings first, then the run's diagnostics that name a node still
 * in the graph (or the whole graph), each rule and node once (the latest epoch wins).
 */
export function adviceItems(graph: Graph, diagnostics: readonly (AdvisorWarning & { epoch?: number })[] = []): AdviceItem[] {
  const items: AdviceItem[] = staticAdvice(graph).map((w) => ({ ...w, source: 'graph' }));
  const ids = new Set(graph.nodes.map((n) => n.id));
  const seen = new Map<string, AdviceItem>();
  for (const d of diagnostics) {
    if (d.node !== null && !ids.has(d.node)) continue;
    const item: AdviceItem = { rule: d.rule, node: d.node, message: d.message, fix: d.fix, source: 'run', ...(d.epoch !== undefined ? { epoch: d.epoch } : {}) };
    seen.set(`${d.rule}\u0001${d.node ?? ''}`, item);
  }
  return [...items, ...seen.values()];
}

/** The static warnings about one node (the canvas mark). */
export function adviceForNode(graph: Graph, nodeId: string): AdvisorWarning[] {
  return staticAdvice(graph).filter((w) => w.node === nodeId);
}
