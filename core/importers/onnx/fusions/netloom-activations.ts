import type { Fusion } from '.';
import { stringAttr } from './graph-index';

/**
 * Activations NetLoom's exporter (and others) spell in primitive ops:
 *   step  = Cast(x > 0)                         crelu = Concat(Relu(x), Relu(−x)) on the last axis
 *   gelu  = x·½ · (1 + tanh(√(2/π)·(x + 0.044715·x³)))   (x³ as x·x·x or Pow(x, 3))
 */
export const STEP_OP = 'NetLoom.Step';
export const CRELU_OP = 'NetLoom.CReLU';

export const stepPattern: Fusion = (root, g) => {
  if (root.opType !== 'Cast') return null;
  const gt = g.input(root, 0, 'Greater');
  if (!gt || !g.isScalar(gt.input?.[1], 0)) return null;
  return { node: { opType: STEP_OP, name: root.name, input: [gt.input![0]!], output: root.output }, absorbed: [gt] };
};

export const creluPattern: Fusion = (root, g) => {
  if (root.opType !== 'Concat' || root.input?.length !== 2) return null;
  const pos = g.input(root, 0, 'Relu');
  const negRelu = g.input(root, 1, 'Relu');
  const neg = negRelu ? g.input(negRelu, 0, 'Neg') : undefined;
  const x = pos?.input?.[0];
  if (!pos || !negRelu || !neg || neg.input?.[0] !== x) return null;
  const axis = root.attribute?.find((a) => a.name === 'axis');
  if (!axis || Number(axis.i) !== -1) return null;
  return { node: { opType: CRELU_OP, name: root.name, input: [x!], output: root.output }, absorbed: [pos, negRelu, neg] };
};

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** 1 + tanh(√(2/π)·(x + 0.044715·x³)): its nodes, or null. */
function onePlusTanh(name: string | undefined, x: string, g: Parameters<Fusion>[1]): Parameters<Fusion>[0][] | null {
  const onePlus = g.producer(name, 'Add');
  const t = g.producer(g.withScalar(onePlus, 'Add', 1), 'Tanh');
  const scaled = g.producer(t?.input?.[0], 'Mul');
  const inner = g.producer(g.withScalar(scaled, 'Mul', SQRT_2_OVER_PI), 'Add');
  if (!inner) return null;
  const [a, b] = [inner.input?.[0], inner.input?.[1]];
  if (a !== x && b !== x) return null;
  const kx3 = g.producer(a === x ? b : a, 'Mul');
  const cubeNodes = cubeOf(g.withScalar(kx3, 'Mul', 0.044715), x, g);
  return cubeNodes ? [onePlus!, t!, scaled!, inner, kx3!, ...cubeNodes] : null;
}

/** NetLoom writes (x·½)·(1 + tanh(…)); PyTorch writes ½·(x·(1 + tanh(…))). */
export const geluTanhPattern: Fusion = (root, g) => {
  if (root.opType !== 'Mul') return null;
  const fused = (x: string, absorbed: Parameters<Fusion>[0][]) => ({
    node: { opType: 'Gelu', name: root.name, input: [x], output: root.output, attribute: [stringAttr('approximate', 'tanh')] },
    absorbed,
  });
  for (const [halfAt, restAt] of [[0, 1], [1, 0]] as const) {
    const half = g.producer(root.input?.[halfAt], 'Mul');
    const x = g.withScalar(half, 'Mul', 0.5);
    const rest = x ? onePlusTanh(root.input?.[restAt], x, g) : null;
    if (x && rest) return fused(x, [half!, ...rest]);
  }
  const product = g.producer(g.withScalar(root, 'Mul', 0.5), 'Mul');
  for (const [xAt, restAt] of [[0, 1], [1, 0]] as const) {
    const x = product?.input?.[xAt];
    const rest = x ? onePlusTanh(product!.input?.[restAt], x, g) : null;
    if (x && rest) return fused(x, [product!, ...rest]);
  }
  return null;
};

/** The nodes computing x³ as Pow(x, 3) or (x·x)·x, or null. */
function cubeOf(name: string | undefined, x: string, g: Parameters<Fusion>[1]): Parameters<Fusion>[0][] | null {
  const pow = g.producer(name, 'Pow');
  if (pow) return pow.input?.[0] === x && g.isScalar(pow.input?.[1], 3) ? [pow] : null;
  const outer = g.producer(name, 'Mul');
  if (!outer) return null;
  const [p, q] = [outer.input?.[0], outer.input?.[1]];
  const sq = g.producer(p === x ? q : p, 'Mul');
  return sq && (p === x || q === x) && sq.input?.[0] === x && sq.input?.[1] === x ? [outer, sq] : null;
}
