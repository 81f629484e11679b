import type { Fusion } from '.';
import type { OnnxTypes } from '../../../onnx/proto';
import { Attributes } from '../attributes';
import { intAttr, type GraphIndex } from './graph-index';

type NodeProto = OnnxTypes.INodeProto;
export const ATTENTION_OP = 'NetLoom.SelfAttention';

const permOf = (n: NodeProto | undefined) => new Attributes(n?.attribute).ints('perm')?.join(',');

/** Transpose(Reshape(x·W + b, [0, T, h, dh]), perm): one projection of x into heads. */
function projection(name: string | undefined, perm: string, g: GraphIndex) {
  const t = g.producer(name, 'Transpose');
  const reshape = g.producer(t?.input?.[0], 'Reshape');
  const add = g.producer(reshape?.input?.[0], 'Add');
  const mm = g.producer(add?.input?.[0], 'MatMul');
  const shape = g.constant(reshape?.input?.[1]);
  if (!t || permOf(t) !== perm || !reshape || !add || !mm || !shape || shape.data.length !== 4) return null;
  const W = mm.input?.[1];
  const b = add.input?.[1];
  if (!g.constant(W) || !g.constant(b)) return null;
  return { x: mm.input![0]!, W: W!, b: b!, heads: shape.data[2]!, nodes: [t, reshape, add, mm] };
}

/**
 * Multi-head self-attention as NetLoom's exporter spells it (scaled dot product, optional causal mask,
 * heads split by Reshape/Transpose) → one node with inputs [x, Wq, bq, Wk, bk, Wv, bv, Wo, bo].
 */
export const attentionPattern: Fusion = (root, g) => {
  if (root.opType !== 'Add') return null;
  const outMm = g.producer(root.input?.[0], 'MatMul');
  const merged = g.producer(outMm?.input?.[0], 'Reshape');
  const perHead = g.producer(merged?.input?.[0], 'Transpose');
  const weighted = g.producer(perHead?.input?.[0], 'MatMul');
  const softmax = g.producer(weighted?.input?.[0], 'Softmax');
  if (!outMm || !merged || !perHead || permOf(perHead) !== '0,2,1,3' || !weighted || !softmax) return null;
  if (!g.constant(outMm.input?.[1]) || !g.constant(root.input?.[1])) return null;
  if (new Attributes(softmax.attribute).int('axis', -1) !== -1) return null;
  let scoresName = softmax.input?.[0];
  const masked = g.producer(scoresName, 'Add');
  const inner: NodeProto[] = [outMm, merged, perHead, weighted, softmax];
  if (masked) {
    if (!g.constant(masked.input?.[1])) return null;
    inner.push(masked);
    scoresName = masked.input?.[0];
  }
  const scaled = g.producer(scoresName, 'Mul');
  const qk = g.producer(scaled?.input?.[0], 'MatMul');
  if (!scaled || !qk || !g.constant(scaled.input?.[1])) return null;
  const q = projection(qk.input?.[0], '0,2,1,3', g);
  const k = projection(qk.input?.[1], '0,2,3,1', g);
  const v = projection(weighted.input?.[1], '0,2,1,3', g);
  if (!q || !k || !v || q.x !== k.x || q.x !== v.x || q.heads !== k.heads || q.heads !== v.heads) return null;
  inner.push(scaled, qk, ...q.nodes, ...k.nodes, ...v.nodes);
  return {
    node: {
      opType: ATTENTION_OP, name: root.name, output: root.output,
      input: [q.x, q.W, q.b, k.W, k.b, v.W, v.b, outMm.input![1]!, root.input![1]!],
      attribute: [intAttr('heads', q.heads), intAttr('causal', masked ? 1 : 0)],
    },
    absorbed: inner,
  };
};
