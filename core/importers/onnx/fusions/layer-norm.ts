import type { Fusion } from '.';
import { Attributes } from '../attributes';
import { floatAttr, intAttr, operands, type GraphIndex } from './graph-index';
import type { OnnxTypes } from '../../../onnx/proto';

type NodeProto = OnnxTypes.INodeProto;

/** ReduceMean over the last axis only, keeping it (the attribute form, or opset 18's input form). */
function lastAxisMean(n: NodeProto | undefined, g: GraphIndex): boolean {
  if (!n) return false;
  const attrs = new Attributes(n.attribute);
  const axes = attrs.ints('axes') ?? (n.input?.[1] ? Array.from(g.constant(n.input[1])?.data ?? []) : undefined);
  return attrs.int('keepdims', 1) === 1 && axes?.length === 1 && axes[0] === -1;
}

/** One operand of a commutative op produced by `opType`, and the other operand's name. */
function split(n: NodeProto, opType: string, g: GraphIndex): [NodeProto, string] | null {
  const [a, b] = operands(n);
  const p = g.input(n, 0, opType);
  if (p) return [p, b];
  const q = g.input(n, 1, opType);
  return q ? [q, a] : null;
}

/**
 * LayerNorm as PyTorch writes it before opset 17:
 *   d = x − mean(x); y = d / sqrt(mean(d²) + ε) · γ + β   →   LayerNormalization(x, γ, β, ε).
 */
export const layerNormPattern: Fusion = (root, g) => {
  if (root.opType !== 'Add') return null;
  const outer = split(root, 'Mul', g);
  if (!outer) return null;
  const [mul, beta] = outer;
  const scaled = split(mul, 'Div', g);
  if (!scaled || !g.constant(beta)) return null;
  const [div, gamma] = scaled;
  if (!g.constant(gamma)) return null;
  const sub = g.input(div, 0, 'Sub');
  const sqrt = g.input(div, 1, 'Sqrt');
  if (!sub || !sqrt) return null;
  const x = sub.input?.[0] ?? '';
  const mean = g.input(sub, 1, 'ReduceMean');
  if (!mean || mean.input?.[0] !== x || !lastAxisMean(mean, g)) return null;
  const addEps = g.input(sqrt, 0, 'Add');
  const v = addEps ? split(addEps, 'ReduceMean', g) : null;
  if (!addEps || !v || !lastAxisMean(v[0], g)) return null;
  const eps = g.constant(v[1]);
  const pow = g.input(v[0], 0, 'Pow');
  if (!eps || eps.data.length !== 1 || !pow || pow.input?.[0] !== sub.output?.[0] || !g.isScalar(pow.input?.[1], 2)) return null;
  return {
    node: {
      opType: 'LayerNormalization', name: root.name, input: [x, gamma, beta], output: root.output,
      attribute: [intAttr('axis', -1), floatAttr('epsilon', eps.data[0]!)],
    },
    absorbed: [mul, div, sub, sqrt, mean, addEps, v[0], pow],
  };
};
