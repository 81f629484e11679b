import type { OnnxTypes } from '../../../onnx/proto';
import { GraphIndex } from './graph-index';
import { layerNormPattern } from './layer-norm';
import { siluPattern, mishPattern, softsignPattern } from './activations';
import { attentionPattern } from './attention';
import { naluPattern } from './nalu';
import { padIntoWindowPattern } from './pad';
import { recurrentPattern } from './recurrent';
import { shapeOfTransposePattern } from './shape-of-transpose';
import { recurrentUnwrappedPattern } from './recurrent-unwrapped';
import { geluErfPattern } from './gelu-erf';
import { stackedLastStatePattern } from './stacked-last-state';
import { creluPattern, geluTanhPattern, stepPattern } from './netloom-activations';

type NodeProto = OnnxTypes.INodeProto;

/** What a recognised pattern becomes: one op (mapped as usual) in place of the root, and the nodes it absorbs. */
export interface Fused {
  node: NodeProto;
  absorbed: NodeProto[];
}

/** Recognises, at a root node, a subgraph that exporters write for one NetLoom operation. */
export type Fusion = (root: NodeProto, index: GraphIndex) => Fused | null;

/**
 * Exporters spell some operations in primitive ops: PyTorch writes Softsign as x / (1 + |x|), SiLU as
 * x·σ(x), nn.GELU() as x·½·(1 + erf(x/√2)), and LayerNorm before opset 17 as ReduceMean/Sub/Pow/Sqrt/Div; NetLoom's own exporter spells
 * out NALU, self-attention, gelu, step and crelu. Each such spelling is one
 * small pattern file; adding one is adding a line here.
 */
export const FUSIONS: readonly Fusion[] = [
  attentionPattern, naluPattern, layerNormPattern, geluTanhPattern, geluErfPattern, softsignPattern, siluPattern, mishPattern, stepPattern, creluPattern,
  padIntoWindowPattern, shapeOfTransposePattern, stackedLastStatePattern, recurrentPattern, recurrentUnwrappedPattern,
];

export function fuseNodes(graph: OnnxTypes.IGraphProto, opset = 13): { nodes: NodeProto[]; fused: string[] } {
  let nodes = [...(graph.node ?? [])];
  const fused: string[] = [];
  for (const fusion of FUSIONS) {
    const index = new GraphIndex(graph, nodes, opset);
    const absorbed = new Set<NodeProto>();
    const replaced = new Map<NodeProto, NodeProto>();
    for (const n of nodes) {
      if (absorbed.has(n)) continue;
      const f = fusion(n, index);
      if (!f || f.absorbed.some((a) => absorbed.has(a) || replaced.has(a)) || !index.removable(n, f.absorbed)) continue;
      for (const a of f.absorbed) absorbed.add(a);
      replaced.set(n, f.node);
      // A rewrite that absorbs nothing (Shape read through a Transpose) is not a fusion to report.
      if (f.absorbed.length > 0) fused.push(`${f.node.opType} "${f.node.name}" from ${f.absorbed.length + 1} ops`);
    }
    nodes = nodes.filter((n) => !absorbed.has(n)).map((n) => replaced.get(n) ?? n);
  }
  return { nodes, fused };
}
