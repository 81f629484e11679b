import type { Fusion } from '.';
import { Attributes } from '../attributes';
import { floatAttr, intAttr, operands, type GraphIndex } from './graph-index';
import type { OnnxTypes } from '../../../onnx/proto';

type NodeProto = OnnxTypes.INodeProto;

/**
 * ReduceMean over the last k axes, keeping them (the attribute form, or opset 18's input form): k, or
 * 0 when it is not. nn.LayerNorm((T, d)) averages axes [-2, -1].
 */
function trailingMean(n: NodeProto | undefined, g: GraphIndex): number {
  if (!n) return 0;
  const attrs = new Attributes(n.attribute);
  const axes = attrs.ints('axes') ?? (n.input?.[1] ? Array.from(g.constant(n.input[1])?.data ?? []) : undefined);
  if (attrs.int('keepdims', 1) !== 1 || !axes || axes.length === 0) return 0;
  return axes.every((a, i) => a === i - axes.length) ? axes.length : 0;
}

/** One operand of a commutative op produced by `opType`, and the other operand's name. */
function split(n: NodeProto, opType: string, g: GraphIndex): [NodeProto, string] | null {
  const [a, b] = operands(n);
  const p = g.input(n, 0, opType);
  if (p) return [p, b];
  const q = g.input(n, 1, opType);
  return q ? [q, a] : null;
}

/** The op reading `n`'s output, when it is its only reader and combines it with a constant. */
function constantReader(n: NodeProto, opType: string, g: GraphIndex): boolean {
  const r = g.readersOf(n.output?.[0] ?? '');
  const next = r.readers[0];
  return !r.graphOutput && r.readers.length === 1 && next!.opType === opType && !next!.domain && !!g.constant(operands(next!).find((o) => o !== n.output?.[0]));
}

/**
 * LayerNorm as PyTorch writes it before opset 17:
 *   d = x − mean(x); y = d / sqrt(mean(d²) + ε) · γ + β   →   LayerNormalization(x, γ, β, ε).
 * Without elementwise_affine there is no · γ + β: the pattern then ends at the Div (γ = 1, β = 0);
 * with a γ but no β (bias=False, PyTorch ≥ 2.1) at the Mul.
 */
export const layerNormPattern: Fusion = (root, g) => {
  let mul: NodeProto | undefined;
  let div: NodeProto | undefined;
  let beta: string | undefined;
  let gamma: string | undefined;
  if (root.opType === 'Add') {
    const outer = split(root, 'Mul', g);
    if (!outer) return null;
    [mul, beta] = outer;
  } else if (root.opType === 'Mul') {
    if (constantReader(root, 'Add', g)) return null; // the Add is the root
    mul = root;
  } else if (root.opType === 'Div') {
    if (constantReader(root, 'Mul', g)) return null; // the Mul (or the Add after it) is the root
    div = root;
  } else return null;
  if (mul) {
    const scaled = split(mul, 'Div', g);
    if (!scaled) return null;
    [div, gamma] = scaled;
  }
  if ((beta && !g.constant(beta)) || (gamma && !g.constant(gamma)) || !div) return null;
  const sub = g.input(div, 0, 'Sub');
  const sqrt = g.input(div, 1, 'Sqrt');
  if (!sub || !sqrt) return null;
  const x = sub.input?.[0] ?? '';
  const mean = g.input(sub, 1, 'ReduceMean');
  const k = trailingMean(mean, g);
  if (!mean || mean.input?.[0] !== x || k === 0) return null;
  const addEps = g.input(sqrt, 0, 'Add');
  const v = addEps ? split(addEps, 'ReduceMean', g) : null;
  if (!addEps || !v || trailingMean(v[0], g) !== k) return null;
  const eps = g.constant(v[1]);
  const pow = g.input(v[0], 0, 'Pow');
  if (!eps || eps.data.length !== 1 || !pow || pow.input?.[0] !== sub.output?.[0] || !g.isScalar(pow.input?.[1], 2)) return null;
  // An absent γ is an empty Scale (read as ones by the LayerNormalization mapper); an absent β is no B.
  return {
    node: {
      opType: 'LayerNormalization', name: root.name, input: [x, gamma ?? '', ...(beta ? [beta] : [])], output: root.output,
      attribute: [intAttr('axis', -k), floatAttr('epsilon', eps.data[0]!)],
    },
    absorbed: [mul, div, sub, sqrt, mean, addEps, v[0], pow].filter((n): n is NodeProto => !!n && n !== root),
  };
};
