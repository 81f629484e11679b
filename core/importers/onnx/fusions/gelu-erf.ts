import type { Fusion } from '.';
import { operands, stringAttr } from './graph-index';

type Node = Parameters<Fusion>[0];
type Index = Parameters<Fusion>[1];

/** 1 + erf(x/√2) (or x·(1/√2)) read at `name`: its nodes, when its x is `x`. */
function onePlusErf(name: string | undefined, x: string, g: Index): Node[] | null {
  const add = g.producer(name, 'Add');
  const erf = g.producer(g.withScalar(add, 'Add', 1), 'Erf');
  const arg = erf?.input?.[0];
  const div = g.producer(arg, 'Div');
  if (div && div.input?.[0] === x && g.isScalar(div.input?.[1], Math.SQRT2)) return [add!, erf!, div];
  const mul = g.producer(arg, 'Mul');
  if (mul && g.withScalar(mul, 'Mul', Math.SQRT1_2) === x) return [add!, erf!, mul];
  return null;
}

/**
 * The exact GELU, x·½·(1 + erf(x/√2)) → Gelu (approximate "none"), in the groupings exporters use:
 * PyTorch writes (x·(1 + erf(x/√2)))·½; others (x·½)·(1 + erf…) or x·((1 + erf…)·½).
 */
export const geluErfPattern: Fusion = (root, g) => {
  if (root.opType !== 'Mul') return null;
  const fused = (x: string, absorbed: Node[]) => ({
    node: { opType: 'Gelu', name: root.name, input: [x], output: root.output, attribute: [stringAttr('approximate', 'none')] },
    absorbed,
  });
  const product = g.producer(g.withScalar(root, 'Mul', 0.5), 'Mul');
  for (const [xAt, restAt] of [[0, 1], [1, 0]] as const) {
    const x = product?.input?.[xAt];
    const rest = x ? onePlusErf(product!.input?.[restAt], x, g) : null;
    if (x && rest) return fused(x, [product!, ...rest]);
  }
  const [a, b] = operands(root);
  for (const [p, q] of [[a, b], [b, a]] as const) {
    const half = g.producer(p, 'Mul');
    const x = g.withScalar(half, 'Mul', 0.5);
    // (x·½)·(1 + erf(x/√2))
    const rest = x ? onePlusErf(q, x, g) : null;
    if (x && rest) return fused(x, [half!, ...rest]);
    // x·((1 + erf(x/√2))·½)
    const inner = half && g.withScalar(half, 'Mul', 0.5);
    const rest2 = inner ? onePlusErf(inner, q, g) : null;
    if (rest2) return fused(q, [half!, ...rest2]);
  }
  return null;
};
