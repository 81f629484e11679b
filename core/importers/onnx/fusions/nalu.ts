import type { Fusion } from '.';
import { NALU_EPSILON } from '../../../catalog/nodes/nalu';
import type { OnnxTypes } from '../../../onnx/proto';

type NodeProto = OnnxTypes.INodeProto;
export const NALU_OP = 'NetLoom.NALU';

/**
 * NetLoom's NALU as its exporter spells it:
 *   W = tanh(Ŵ)·σ(M̂);  g = σ(x·G);  y = g·(x·W) + (1 − g)·exp(log(|x| + ε)·W)
 * → one node with inputs [x, Ŵ, M̂, G] (all three constants).
 */
export const naluPattern: Fusion = (root, g) => {
  if (root.opType !== 'Add') return null;
  const left = g.producer(root.input?.[0], 'Mul');
  const right = g.producer(root.input?.[1], 'Mul');
  if (!left || !right) return null;
  const gate = g.producer(left.input?.[0], 'Sigmoid');
  const additive = g.producer(left.input?.[1], 'MatMul');
  const oneMinus = g.producer(right.input?.[0], 'Sub');
  const multiplicative = g.producer(right.input?.[1], 'Exp');
  if (!gate || !additive || !oneMinus || !multiplicative) return null;
  const gateMm = g.producer(gate.input?.[0], 'MatMul');
  const x = gateMm?.input?.[0];
  const G = gateMm?.input?.[1];
  if (!gateMm || !x || !g.constant(G) || additive.input?.[0] !== x) return null;
  if (!g.isScalar(oneMinus.input?.[0], 1) || oneMinus.input?.[1] !== gate.output?.[0]) return null;
  const W = g.producer(additive.input?.[1], 'Mul');
  const tanhW = g.producer(W?.input?.[0], 'Tanh');
  const sigM = g.producer(W?.input?.[1], 'Sigmoid');
  if (!W || !tanhW || !sigM || !g.constant(tanhW.input?.[0]) || !g.constant(sigM.input?.[0])) return null;
  const logMm = g.producer(multiplicative.input?.[0], 'MatMul');
  const log = g.producer(logMm?.input?.[0], 'Log');
  const addEps = g.producer(log?.input?.[0], 'Add');
  const abs = g.producer(addEps?.input?.[0], 'Abs');
  if (!logMm || logMm.input?.[1] !== W.output?.[0] || !log || !addEps || !abs || abs.input?.[0] !== x) return null;
  if (!g.isScalar(addEps.input?.[1], NALU_EPSILON)) return null;
  const absorbed: NodeProto[] = [left, right, gate, additive, oneMinus, multiplicative, gateMm, W, tanhW, sigM, logMm, log, addEps, abs];
  return { node: { opType: NALU_OP, name: root.name, input: [x, tanhW.input![0]!, sigM.input![0]!, G!], output: root.output }, absorbed };
};
