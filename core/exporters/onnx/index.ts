import type { Graph } from '../../graph/schema';
import { weightsForExport } from '../export-inputs';
import { buildExportModel } from '../export-model';
import { safeName } from '../names';
import type { ExportFile, ExportOptions } from '../types';
import { emitNode } from './emit-nodes';
import { OnnxGraphBuilder } from './graph-builder';
import { encodeModel, ONNX_OPSET } from './onnx-proto';

export const ONNX_INPUT = 'input';
export const ONNX_OUTPUT = 'prediction';

/**
 * Graph → ONNX inference model (opset 17): the layers up to the prediction, no Loss, weights as
 * initializers named `<node>.<param>` in NetLoom's layout, input `input` [batch, ...] and output
 * `prediction` [batch, ...] with a symbolic batch axis.
 */
export function exportOnnx(graph: Graph, options: ExportOptions = {}): ExportFile[] {
  const m = buildExportModel(graph, options.dataset?.info, { inferenceOnly: true });
  const values = weightsForExport(m.plan, graph.training.seed, options.weights);
  const g = new OnnxGraphBuilder();
  g.name(ONNX_INPUT);
  g.name(ONNX_OUTPUT);
  const initializerOf = new Map<string, string>();
  m.plan.params.forEach((p, i) => initializerOf.set(`${p.node}.${p.name}`, g.floats(`${p.node}.${p.name}`, [...p.shape], values[i]!)));
  const valueOf = new Map<string, string>([[m.input, ONNX_INPUT]]);
  for (const node of m.nodes) {
    const weight = (name: string) => initializerOf.get(`${node.id}.${name}`)!;
    valueOf.set(node.id, emitNode(g, node, node.inputs.map((i) => valueOf.get(i)!), weight));
  }
  g.nodes.push({ opType: 'Identity', name: ONNX_OUTPUT, inputs: [valueOf.get(m.prediction)!], outputs: [ONNX_OUTPUT], attributes: {} });
  const predShape = m.plan.tensors[m.plan.predictionTensor]!.shape;
  const bytes = encodeModel({
    name: graph.name,
    docString: `NetLoom graph "${graph.name}", inference only (opset ${ONNX_OPSET}); prediction = output of node "${m.prediction}"`,
    nodes: g.nodes,
    initializers: g.initializers,
    inputs: [{ name: ONNX_INPUT, dims: ['batch', ...m.inputShape] }],
    outputs: [{ name: ONNX_OUTPUT, dims: ['batch', ...predShape] }],
  }, '0.1.0');
  return [{ name: `${safeName(graph.name)}.onnx`, contents: bytes, role: 'main' }];
}
