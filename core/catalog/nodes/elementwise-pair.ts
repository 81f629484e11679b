import { formatShape, sameShape, sizeOf, type Shape } from '../../util/tensor';
import type { KernelBuffers, NodeKind, PortSpec } from '../types';

/**
 * What Add and Multiply share: two inputs `a`, `b` of one shape — or of one rank where every axis
 * either matches or is 1 in one of them (broadcast, as NumPy, PyTorch, Keras and ONNX do; e.g. a
 * squeeze-excite gate [C, 1, 1] times a feature map [C, H, W]) — and an output of the larger shape.
 * Ranks must agree so that the per-example rule and the whole-batch rule of every framework coincide,
 * and flat vectors ([n]) must match exactly.
 */
export const PAIR_INPUTS: readonly PortSpec[] = [
  { name: 'a', description: 'first tensor' },
  { name: 'b', description: 'second tensor: the same shape as a, or size 1 on the axes where it is repeated along a' },
];

/**
 * The broadcast shape of two per-sample shapes of one rank, or null when they do not broadcast. Flat
 * vectors must match exactly: a [1] wired against an [n] is nearly always a wiring mistake.
 */
export function broadcastPair(a: Shape, b: Shape): Shape | null {
  if (a.length !== b.length || (a.length < 2 && !sameShape(a, b))) return null;
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i] && a[i] !== 1 && b[i] !== 1) return null;
    out.push(Math.max(a[i]!, b[i]!));
  }
  return out;
}

/** The shape rule of an element-wise op on two tensors: equal shapes, or broadcast over size-1 axes. */
export const inferPairShape: NodeKind['inferShape'] = ({ inputs }) => {
  const [a, b] = inputs as [readonly number[], readonly number[]];
  const shape = broadcastPair(a, b);
  if (!shape) {
    return { ok: false, port: 1, message: `needs inputs of equal shape, got a ${formatShape(a)} and b ${formatShape(b)}` };
  }
  return { ok: true, shape };
};

/**
 * For each position of one example's output, the position it reads in an input of shape `from`
 * (repeating along that input's size-1 axes). Null when the input has the output's shape.
 */
export function broadcastIndex(from: Shape, to: Shape): Int32Array | null {
  if (sameShape(from, to)) return null;
  const size = sizeOf(to);
  const index = new Int32Array(size);
  const fromStrides = from.map((_, i) => sizeOf(from.slice(i + 1)));
  for (let k = 0; k < size; k++) {
    let rem = k;
    let src = 0;
    for (let i = to.length - 1; i >= 0; i--) {
      const c = rem % to[i]!;
      rem = (rem - c) / to[i]!;
      if (from[i] !== 1) src += c * fromStrides[i]!;
    }
    index[k] = src;
  }
  return index;
}

/** Whether a pair op's inputs are broadcast (so it needs broadcastKernel rather than a plain loop). */
export const isBroadcast = (inputShapes: readonly Shape[]): boolean => !sameShape(inputShapes[0]!, inputShapes[1]!);

/**
 * The kernel of an element-wise pair op with broadcast inputs, given f(a, b) and its partial
 * derivatives: inputs are read through index tables built once with the plan, and their gradients
 * add up over the positions that reused each value.
 */
export function broadcastKernel(
  inputShapes: readonly Shape[], outputShape: Shape, buffers: KernelBuffers,
  f: (a: number, b: number) => number, dfa: (a: number, b: number) => number, dfb: (a: number, b: number) => number,
) {
  const size = sizeOf(outputShape);
  const [aShape, bShape] = inputShapes as [Shape, Shape];
  const [aSize, bSize] = [sizeOf(aShape), sizeOf(bShape)];
  const ai = broadcastIndex(aShape, outputShape);
  const bi = broadcastIndex(bShape, outputShape);
  const { inputs: [A, B], output: Y, dOutput: dY, dInputs: [dA, dB] } = buffers;
  return {
    forward(n: number) {
      for (let s = 0; s < n; s++) {
        const [y0, a0, b0] = [s * size, s * aSize, s * bSize];
        for (let k = 0; k < size; k++) Y[y0 + k] = f(A![a0 + (ai ? ai[k]! : k)]!, B![b0 + (bi ? bi[k]! : k)]!);
      }
    },
    backward(n: number) {
      for (let s = 0; s < n; s++) {
        const [y0, a0, b0] = [s * size, s * aSize, s * bSize];
        for (let k = 0; k < size; k++) {
          const [ia, ib] = [a0 + (ai ? ai[k]! : k), b0 + (bi ? bi[k]! : k)];
          const [a, b, g] = [A![ia]!, B![ib]!, dY[y0 + k]!];
          if (dA) dA[ia] += g * dfa(a, b);
          if (dB) dB[ib] += g * dfb(a, b);
        }
      }
    },
  };
}
