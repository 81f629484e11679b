import { getNodeKind } from '../catalog';
import { analyzeGraph, type AnalyzeOptions } from '../graph/analyze';
import type { Problem } from '../graph/problem';
import type { Graph } from '../graph/schema';
import type { Structure } from '../graph/structure';
import { sizeOf } from '../util/tensor';
import type { Plan, PlanOp, PlanParam, PlanTensor } from './plan';

export type CompileResult = { ok: true; plan: Plan; warnings: Problem[] } | { ok: false; problems: Problem[] };

export interface CompileOptions extends AnalyzeOptions {
  batchSize?: number;
}

/**
 * Graph → plan. Runs the full analysis first; any error stops here with the problems. Ops follow the
 * topological order; a node's backward runs only when its output reaches the loss.
 */
export function compileGraph(graph: Graph, options: CompileOptions = {}): CompileResult {
  const a = analyzeGraph(graph, options);
  const errors = a.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 || !a.structure.order || !a.dataset) return { ok: false, problems: errors };
  const { structure: s, shapes, params } = a;
  const order = s.order!;
  const lossId = order.find((id) => s.kinds.get(id)!.type === 'Loss');
  // No Loss: an inference-only plan whose prediction is the graph's one sink (what the user would read).
  const predNode = lossId ? s.inputsOf.get(lossId)![0]!.source : singleSink(order, s);
  if (typeof predNode !== 'string') return { ok: false, problems: [predNode] };

  // Which nodes' outputs reach the loss (walking inputs backwards from it).
  const reachesLoss = new Set<string>();
  const stack = lossId ? [lossId] : [];
  while (stack.length) {
    const id = stack.pop()!;
    if (reachesLoss.has(id)) continue;
    reachesLoss.add(id);
    for (const w of s.inputsOf.get(id)!) if (w) stack.push(w.source);
  }

  // softmax → cross_entropy is fused: the loss reads the logits and its gradient is softmax − target,
  // which stays finite where log(softmax) would underflow.
  const lossParams = lossId ? params.get(lossId)! : { fn: 'none' };
  const predKind = s.kinds.get(predNode)!;
  const fuseSoftmax = lossParams.fn === 'cross_entropy' && predKind.type === 'Activation' && params.get(predNode)!.fn === 'softmax';
  if (fuseSoftmax && s.consumersOf.get(predNode)!.length === 1) reachesLoss.delete(predNode);

  const tensorOf = new Map<string, number>();
  const tensors: PlanTensor[] = [];
  const planParams: PlanParam[] = [];
  const ops: PlanOp[] = [];
  for (const id of order) {
    const kind = s.kinds.get(id)!;
    // Every Input node sees the same data, so they share one tensor.
    const sharedInput = kind.type === 'Input' ? ops.find((o) => o.type === 'Input') : undefined;
    if (sharedInput) {
      tensorOf.set(id, sharedInput.output);
      continue;
    }
    const isLoss = id === lossId;
    const shape = shapes.get(id)!;
    const t: PlanTensor = {
      id: tensors.length, node: id, shape, size: isLoss ? 1 : sizeOf(shape), perSample: !isLoss,
      needsGrad: !isLoss && kind.type !== 'Input' && reachesLoss.has(id),
    };
    tensors.push(t);
    tensorOf.set(id, t.id);
    let inputs = s.inputsOf.get(id)!.map((w) => tensorOf.get(w!.source)!);
    const attrs: Record<string, unknown> = {};
    if (isLoss && fuseSoftmax) {
      inputs = [tensorOf.get(s.inputsOf.get(predNode)![0]!.source)!];
      attrs.fromLogits = true;
    }
    const inShapes = inputs.map((ti) => tensors[ti]!.shape);
    const paramIds = kind.paramTensors({ params: params.get(id)!, inputs: inShapes, output: shape }).map((spec) => {
      const p: PlanParam = { ...spec, id: planParams.length, node: id, size: sizeOf(spec.shape) };
      planParams.push(p);
      return p.id;
    });
    ops.push({
      node: id, type: kind.type, params: params.get(id)!, inputs, output: t.id, paramIds,
      backward: kind.type !== 'Input' && (isLoss || reachesLoss.has(id)), attrs,
    });
  }

  const info = a.dataset.info;
  const fn = lossParams.fn as string;
  const predSize = tensors[tensorOf.get(predNode)!]!.size;
  const classification = lossId !== undefined && info.target.kind !== 'regression';
  const plan: Plan = {
    planVersion: 1,
    name: graph.name,
    batchSize: options.batchSize ?? graph.training.batchSize,
    dataset: info,
    tensors, params: planParams, ops,
    inputTensor: tensorOf.get(order.find((id) => s.kinds.get(id)!.type === 'Input')!)!,
    predictionTensor: tensorOf.get(predNode)!,
    lossTensor: lossId ? tensorOf.get(lossId)! : -1,
    target: { size: lossId ? predSize : 0, encoding: classification && predSize > 1 ? 'one-hot' : 'value' },
    task: classification ? 'classification' : 'regression',
    prediction: fn === 'bce_logits' ? 'logit'
      : !classification ? 'value'
      : predSize > 1 ? 'scores'
      : 'probability',
    lossFn: fn,
  };
  return { ok: true, plan, warnings: a.problems.filter((p) => p.severity === 'warning') };
}

/** The one node nothing reads (besides Inputs), or a problem saying there are several. */
function singleSink(order: readonly string[], s: Structure): string | Problem {
  const sinks = order.filter((id) => s.consumersOf.get(id)!.length === 0 && s.kinds.get(id)!.type !== 'Input');
  if (sinks.length === 1) return sinks[0]!;
  return {
    path: 'nodes', code: 'no-prediction', severity: 'error',
    message: sinks.length === 0
      ? 'the graph has nothing after its Input to predict with'
      : `without a Loss the output must be the one node nothing reads, but ${sinks.length} are (${sinks.map((id) => `"${id}"`).join(', ')}); add a Loss after the output`,
  };
}

/** Kinds are looked up again when instantiating; fail loudly if a plan names one this build lacks. */
export function kindOf(op: PlanOp) {
  const kind = getNodeKind(op.type);
  if (!kind) throw new Error(`plan names unknown node type ${op.type}`);
  return kind;
}
