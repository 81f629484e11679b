import { concatBatchedAxis } from '../../catalog/nodes/concat';
import { LAYER_NORM_EPSILON } from '../../catalog/nodes/layer-norm';
import { NALU_EPSILON } from '../../catalog/nodes/nalu';
import type { ExportNode } from '../export-model';
import { emitActivation } from './emit-activations';
import { emitBatchNorm, emitConv, emitGlobalAvgPool, emitLrn, emitPermute, emitPool, emitReshape } from './emit-conv';
import { emitRecurrent } from './emit-recurrent';
import { float, int, ints, type OnnxGraphBuilder } from './graph-builder';

/**
 * One NetLoom node as ONNX ops. `inputs` are value names in port order; `weight(name)` is the name of
 * the initializer holding `<node>.<name>` (NetLoom's layout: matrices [in][out], so y = MatMul(x, W)).
 * Returns the node's output value. The batch axis is dynamic; MatMul broadcasts over it (and over T).
 */
export function emitNode(g: OnnxGraphBuilder, node: ExportNode, inputs: string[], weight: (name: string) => string): string {
  const id = node.id;
  const [x] = inputs as [string];
  const p = node.params;
  switch (node.type) {
    case 'Dense': {
      const product = g.op('MatMul', [x, weight('W')], p.bias ? `${id}/xW` : id);
      return p.bias ? g.op('Add', [product, weight('b')], id) : product;
    }
    case 'Dropout':
      return g.op('Identity', [x], id); // inference graph: dropout is off
    case 'NALU':
      return emitNalu(g, id, x, weight);
    case 'SelfAttention':
      return emitAttention(g, node, x, weight);
    case 'Add':
      return g.op('Add', [inputs[0]!, inputs[1]!], id);
    case 'Concat':
      return g.op('Concat', [inputs[0]!, inputs[1]!], id, { axis: int(concatBatchedAxis(node.params)) });
    case 'Flatten':
      return g.op('Flatten', [x], id, { axis: int(1) });
    case 'LayerNorm':
      return g.op('LayerNormalization', [x, weight('gamma'), weight('beta')], id, { axis: int(-1), epsilon: float((node.params.epsilon as number | undefined) ?? LAYER_NORM_EPSILON) });
    case 'MeanPool':
      return g.op('ReduceMean', [x], id, { axes: ints([1]), keepdims: int(0) });
    case 'Activation':
      return g.op('Identity', [emitActivation(g, id, p.fn as string, p, x, p.fn === 'prelu' ? weight('alpha') : undefined)], id);
    case 'Conv2D': return emitConv(g, node, x, weight, 2);
    case 'Conv1D': return emitConv(g, node, x, weight, 1);
    case 'MaxPool2D': return emitPool(g, node, x, 'max', 2);
    case 'AvgPool2D': return emitPool(g, node, x, 'avg', 2);
    case 'MaxPool1D': return emitPool(g, node, x, 'max', 1);
    case 'AvgPool1D': return emitPool(g, node, x, 'avg', 1);
    case 'LRN': return emitLrn(g, node, x);
    case 'GlobalAvgPool': return emitGlobalAvgPool(g, node, x);
    case 'BatchNorm': return emitBatchNorm(g, node, x, weight);
    case 'Reshape': return emitReshape(g, node, x);
    case 'Permute': return emitPermute(g, node, x);
    case 'Multiply':
      return g.op('Mul', [inputs[0]!, inputs[1]!], id);
    case 'Slice':
      return g.op('Slice', [x, g.int64s(`${id}/starts`, [p.start as number]), g.int64s(`${id}/ends`, [p.end as number]), g.int64s(`${id}/axes`, [p.axis as number])], id);
    default: {
      const recurrent = emitRecurrent(g, node, x, weight);
      if (recurrent) return recurrent;
      throw new Error(`the ONNX exporter does not know node type "${node.type}"`);
    }
  }
}

/** y = g·(x·W) + (1 − g)·exp(log(|x| + ε)·W), W = tanh(Ŵ)·σ(M̂), g = σ(x·G). */
function emitNalu(g: OnnxGraphBuilder, id: string, x: string, weight: (name: string) => string): string {
  const W = g.op('Mul', [g.op('Tanh', [weight('W_hat')], `${id}/tanh_W_hat`), g.op('Sigmoid', [weight('M_hat')], `${id}/sigmoid_M_hat`)], `${id}/W`);
  const additive = g.op('MatMul', [x, W], `${id}/additive`);
  const logAbs = g.op('Log', [g.op('Add', [g.op('Abs', [x], `${id}/abs_x`), g.scalar(`${id}/eps`, NALU_EPSILON)], `${id}/abs_x_eps`)], `${id}/log_abs_x`);
  const multiplicative = g.op('Exp', [g.op('MatMul', [logAbs, W], `${id}/log_product`)], `${id}/multiplicative`);
  const gate = g.op('Sigmoid', [g.op('MatMul', [x, weight('G')], `${id}/gate_logits`)], `${id}/gate`);
  const oneMinusGate = g.op('Sub', [g.scalar(`${id}/one`, 1), gate], `${id}/one_minus_gate`);
  return g.op('Add', [
    g.op('Mul', [gate, additive], `${id}/gated_additive`),
    g.op('Mul', [oneMinusGate, multiplicative], `${id}/gated_multiplicative`),
  ], id);
}

/** Multi-head attention with MatMul/Softmax/Transpose; [N, T, d] → [N, T, dModel]. */
function emitAttention(g: OnnxGraphBuilder, node: ExportNode, x: string, weight: (name: string) => string): string {
  const id = node.id;
  const [T] = node.inputShapes[0] as [number, number];
  const heads = node.params.heads as number;
  const dModel = node.params.dModel as number;
  const dh = dModel / heads;
  // Reshape [N, T, dModel] → [N, T, heads, dh]; 0 copies the (dynamic) batch size.
  const headShape = g.int64s(`${id}/head_shape`, [0, T, heads, dh]);
  const project = (w: string, b: string, what: string) =>
    g.op('Reshape', [g.op('Add', [g.op('MatMul', [x, weight(w)], `${id}/${what}_xW`), weight(b)], `${id}/${what}`), headShape], `${id}/${what}_heads`);
  const q = g.op('Transpose', [project('Wq', 'bq', 'q')], `${id}/q_t`, { perm: ints([0, 2, 1, 3]) }); // [N, h, T, dh]
  const kT = g.op('Transpose', [project('Wk', 'bk', 'k')], `${id}/k_t`, { perm: ints([0, 2, 3, 1]) }); // [N, h, dh, T]
  const v = g.op('Transpose', [project('Wv', 'bv', 'v')], `${id}/v_t`, { perm: ints([0, 2, 1, 3]) });
  let scores = g.op('Mul', [g.op('MatMul', [q, kT], `${id}/qk`), g.scalar(`${id}/scale`, 1 / Math.sqrt(dh))], `${id}/scores`);
  if (node.params.causal) {
    // −∞ above the diagonal: position i gets weight exactly 0 on every j > i after the softmax.
    const mask = new Float32Array(T * T);
    for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) mask[i * T + j] = -Infinity;
    scores = g.op('Add', [scores, g.floats(`${id}/causal_mask`, [T, T], mask)], `${id}/masked_scores`);
  }
  const attention = g.op('Softmax', [scores], `${id}/attention`, { axis: int(-1) });
  const perHead = g.op('Transpose', [g.op('MatMul', [attention, v], `${id}/heads_out`)], `${id}/heads_out_t`, { perm: ints([0, 2, 1, 3]) });
  const merged = g.op('Reshape', [perHead, g.int64s(`${id}/merged_shape`, [0, T, dModel])], `${id}/concat_heads`);
  return g.op('Add', [g.op('MatMul', [merged, weight('Wo')], `${id}/oW`), weight('bo')], id);
}
