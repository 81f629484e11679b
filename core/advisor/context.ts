import { analyzeGraph, type Analysis, type AnalyzeOptions } from '../graph/analyze';
import type { Graph } from '../graph/schema';
import type { AdvisorContext, AdvisorFacts } from './types';

/** Analyse once and give every rule the same lookups. Works on graphs with errors (lookups return undefined). */
export function advisorContext(graph: Graph, facts: AdvisorFacts = {}, options: AnalyzeOptions = {}, given?: Analysis): AdvisorContext {
  const analysis = given ?? analyzeGraph(graph, options);
  const s = analysis.structure;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const typeOf = (id: string) => s.kinds.get(id)?.type;
  const lossId = graph.nodes.find((n) => typeOf(n.id) === 'Loss')?.id;
  const sourceOf = (id: string, port = 0) => s.inputsOf.get(id)?.[port]?.source;
  return {
    graph, analysis, facts, lossId,
    outputId: lossId === undefined ? undefined : sourceOf(lossId),
    node: (id) => byId.get(id),
    typeOf,
    paramsOf: (id) => analysis.params.get(id),
    fnOf: (id) => (typeOf(id) === 'Activation' ? (analysis.params.get(id)?.fn as string | undefined) : undefined),
    sourceOf,
    consumersOf: (id) => (s.consumersOf.get(id) ?? []).map((w) => w.target),
  };
}

/** Whether any node upstream of `id` (not counting it) owns trainable tensors. */
export function hasTrainableUpstream(ctx: AdvisorContext, id: string): boolean {
  const seen = new Set<string>();
  const stack = (ctx.analysis.structure.inputsOf.get(id) ?? []).map((w) => w?.source).filter((x): x is string => !!x);
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (ownsParams(ctx, n)) return true;
    for (const w of ctx.analysis.structure.inputsOf.get(n) ?? []) if (w) stack.push(w.source);
  }
  return false;
}

/** Whether a node has trainable tensors (Dense, NALU, attention, LayerNorm, PReLU…). */
export function ownsParams(ctx: AdvisorContext, id: string): boolean {
  const kind = ctx.analysis.structure.kinds.get(id);
  const params = ctx.analysis.params.get(id);
  if (!kind || !params) return false;
  const inputs = (ctx.analysis.structure.inputsOf.get(id) ?? []).map((w) => (w ? ctx.analysis.shapes.get(w.source) : undefined));
  const output = ctx.analysis.shapes.get(id);
  if (inputs.some((x) => !x) || !output) {
    // Without shapes, fall back on the node kinds that always learn something.
    return kind.type === 'Dense' || kind.type === 'NALU' || kind.type === 'SelfAttention' || kind.type === 'LayerNorm';
  }
  try {
    return kind.paramTensors({ params, inputs: inputs as number[][], output }).length > 0;
  } catch {
    return false;
  }
}

/** The node label people see on the canvas, for messages: `"d1"` or `"hidden" (d1)`. */
export function nameOf(ctx: AdvisorContext, id: string): string {
  const label = ctx.node(id)?.label;
  return label && label !== id ? `"${label}" (${id})` : `"${id}"`;
}
