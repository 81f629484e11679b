import type { DatasetInfo, ParamValues } from '../catalog/types';
import { compileGraph } from '../compiler/compile';
import type { Plan, PlanParam } from '../compiler/plan';
import { formatProblem } from '../graph/problem';
import type { Graph } from '../graph/schema';
import type { Shape } from '../util/tensor';

/** One node of the network as every exporter sees it: what it is, what feeds it, and its shapes. */
export interface ExportNode {
  /** The graph's node id (weights are named `<id>.<param>`). */
  id: string;
  type: string;
  /** Params with defaults filled. */
  params: ParamValues;
  /** Ids of the nodes feeding each input port, in port order (the Input node's id for the data). */
  inputs: string[];
  inputShapes: Shape[];
  /** Per-sample output shape (no batch axis). */
  shape: Shape;
  /** This node's trainable tensors, in plan order. */
  weights: PlanParam[];
}

/**
 * How the loss reads the network:
 * - `softmax-fused`: cross-entropy on the logits that feed the final softmax (NetLoom fuses them);
 * - `cross_entropy_logits`: cross-entropy on raw scores (`logits: true`);
 * - otherwise the loss function applied to the prediction as written.
 */
export interface ExportLoss {
  fn: string;
  mode: 'softmax-fused' | 'cross_entropy_logits' | 'plain';
  /** The node whose output the loss reads (the logits node when fused). */
  input: string;
}

export interface ExportModel {
  graph: Graph;
  plan: Plan;
  dataset: DatasetInfo;
  /** The id of the (first) Input node: every Input sees the same data. */
  input: string;
  inputShape: Shape;
  /** Nodes between the input and the prediction, in forward order; no Input, no Loss, nothing unused. */
  nodes: ExportNode[];
  /** The node whose output is the prediction (what the Loss node is wired to). */
  prediction: string;
  loss: ExportLoss;
}

export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

/** Compile the graph and describe it for exporters. Throws ExportError listing problems when invalid. */
export function buildExportModel(graph: Graph, datasetInfo?: DatasetInfo, options: { inferenceOnly?: boolean } = {}): ExportModel {
  const compiled = compileGraph(graph, datasetInfo ? { datasetInfo } : {});
  if (!compiled.ok) throw new ExportError(`cannot export an invalid graph:\n${compiled.problems.map(formatProblem).join('\n')}`);
  const plan = compiled.plan;
  const nodeOfTensor = (t: number) => plan.tensors[t]!.node;
  const inputOp = plan.ops.find((op) => op.type === 'Input')!;
  const lossOp = plan.ops.find((op) => op.output === plan.lossTensor);
  const prediction = nodeOfTensor(plan.predictionTensor);
  // A graph without a Loss (imported for prediction) exports where only the network matters (ONNX).
  if (!lossOp && !options.inferenceOnly) throw new ExportError('the graph has no Loss node; add one after the output to export training code (ONNX export needs none)');
  const lossInput = lossOp ? nodeOfTensor(lossOp.inputs[0]!) : prediction;
  const fn = lossOp ? (lossOp.params.fn as string) : 'none';
  const mode: ExportLoss['mode'] = lossOp?.attrs.fromLogits === true ? 'softmax-fused'
    : fn === 'cross_entropy' && lossOp?.params.logits === true ? 'cross_entropy_logits' : 'plain';

  // Keep only what the prediction depends on: side branches that never reach it change no output.
  const opOf = new Map(plan.ops.map((op) => [op.node, op]));
  const needed = new Set<string>();
  const stack = [prediction];
  while (stack.length) {
    const id = stack.pop()!;
    if (needed.has(id)) continue;
    needed.add(id);
    for (const t of opOf.get(id)?.inputs ?? []) stack.push(nodeOfTensor(t));
  }
  const nodes: ExportNode[] = plan.ops
    .filter((op) => needed.has(op.node) && op.type !== 'Input' && op !== lossOp)
    .map((op) => ({
      id: op.node,
      type: op.type,
      params: op.params,
      inputs: op.inputs.map(nodeOfTensor),
      inputShapes: op.inputs.map((t) => plan.tensors[t]!.shape),
      shape: plan.tensors[op.output]!.shape,
      weights: op.paramIds.map((i) => plan.params[i]!),
    }));
  return {
    graph, plan, dataset: plan.dataset, input: inputOp.node, inputShape: plan.tensors[plan.inputTensor]!.shape,
    nodes, prediction, loss: { fn, mode, input: lossInput },
  };
}

/** The node with this id (it must exist). */
export function nodeById(model: ExportModel, id: string): ExportNode {
  const n = model.nodes.find((x) => x.id === id);
  if (!n) throw new ExportError(`internal: node "${id}" is not part of the exported network`);
  return n;
}
