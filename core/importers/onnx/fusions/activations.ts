import type { Fusion } from '.';
import { operands } from './graph-index';

/** x / (1 + |x|) → Softsign(x). */
export const softsignPattern: Fusion = (root, g) => {
  if (root.opType !== 'Div') return null;
  const [x] = operands(root);
  const add = g.input(root, 1, 'Add');
  if (!add) return null;
  const [p, q] = operands(add);
  const absAt = g.input(add, 0, 'Abs') ? 0 : g.input(add, 1, 'Abs') ? 1 : -1;
  if (absAt < 0) return null;
  const abs = g.input(add, absAt, 'Abs')!;
  if (abs.input?.[0] !== x || !g.isScalar(absAt === 0 ? q : p, 1)) return null;
  return { node: { opType: 'Softsign', name: root.name, input: [x], output: root.output }, absorbed: [add, abs] };
};

/** ONNX has no SiLU op: the fused node gets this private type (a dot cannot occur in an ONNX op type). */
export const SILU_OP = 'NetLoom.SiLU';

/** x · f(x) → one activation op; `inner` checks that y = f(x) and returns the nodes of f. */
function gated(inner: (x: string, y: string, g: Parameters<Fusion>[1]) => Parameters<Fusion>[0][] | null, opType: string): Fusion {
  return (root, g) => {
    if (root.opType !== 'Mul') return null;
    const [a, b] = operands(root);
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const absorbed = inner(x, y, g);
      if (absorbed) return { node: { opType, name: root.name, input: [x], output: root.output }, absorbed };
    }
    return null;
  };
}

export const siluPattern: Fusion = gated((x, y, g) => {
  const s = g.input({ input: [y] }, 0, 'Sigmoid');
  return s && s.input?.[0] === x ? [s] : null;
}, SILU_OP);

/** x · tanh(softplus(x)) → mish. */
export const mishPattern: Fusion = gated((x, y, g) => {
  const t = g.input({ input: [y] }, 0, 'Tanh');
  const sp = t ? g.input(t, 0, 'Softplus') : undefined;
  return t && sp && sp.input?.[0] === x ? [t, sp] : null;
}, 'Mish');
