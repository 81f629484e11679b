import { analyzeGraph } from '../graph/analyze';
import type { Graph, GraphNode } from '../graph/schema';
import { GRAPH_FACTS } from './schema';

export type GraphFact = (typeof GRAPH_FACTS)[number];

/** Layers that hold weights: an activation before one of them is a hidden activation. */
const WEIGHTED = new Set(['Dense', 'NALU', 'SelfAttention']);

/**
 * Yes/no facts about a graph that lessons check. Both read the graph that was trained, so editing the
 * canvas after a run cannot make a check pass.
 */
export function graphFact(graph: Graph, fact: GraphFact): boolean {
  // The app asks again on every frame of a run about the same graph object: answer from a cache.
  let known = cache.get(graph);
  if (!known) cache.set(graph, (known = new Map()));
  let v = known.get(fact);
  if (v === undefined) known.set(fact, (v = fact === 'hidden-nonlinear' ? hasHiddenNonlinearity(graph) : outputSuitsTask(graph)));
  return v;
}

const cache = new WeakMap<Graph, Map<GraphFact, boolean>>();

/** Some Activation other than `linear` sits between two weighted layers (or a weighted layer follows it). */
function hasHiddenNonlinearity(graph: Graph): boolean {
  return graph.nodes.some((n) => n.type === 'Activation' && fnOf(n) !== 'linear' && reachesWeighted(graph, n.id, new Set()));
}

function reachesWeighted(graph: Graph, from: string, seen: Set<string>): boolean {
  for (const e of graph.edges) {
    if (e.source !== from || seen.has(e.target)) continue;
    seen.add(e.target);
    const t = graph.nodes.find((n) => n.id === e.target);
    if (t && (WEIGHTED.has(t.type) || reachesWeighted(graph, t.id, seen))) return true;
  }
  return false;
}

/**
 * The last activation before the Loss fits the task: sigmoid for two classes, softmax for several,
 * none (or linear) for numbers; a raw Dense is fine when the loss is told it gets logits.
 */
function outputSuitsTask(graph: Graph): boolean {
  const loss = graph.nodes.find((n) => n.type === 'Loss');
  const target = analyzeGraph(graph).dataset?.info.target;
  if (!loss || !target) return false;
  const pred = graph.nodes.find((n) => graph.edges.some((e) => e.target === loss.id && e.source === n.id));
  if (!pred) return false;
  const lossFn = (loss.params.fn as string | undefined) ?? 'mse';
  const fn = pred.type === 'Activation' ? fnOf(pred) : 'linear';
  if (target.kind === 'regression') return fn === 'linear';
  if (target.kind === 'binary' && (lossFn === 'bce' || lossFn === 'mse' || lossFn === 'mae')) return fn === 'sigmoid';
  if (lossFn === 'bce_logits') return fn === 'linear';
  if (lossFn === 'cross_entropy') return loss.params.logits === true ? fn === 'linear' : fn === 'softmax';
  return fn === 'softmax';
}

function fnOf(n: GraphNode): string {
  return typeof n.params.fn === 'string' ? n.params.fn : 'relu';
}
