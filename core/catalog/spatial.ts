import { formatShape, type Shape } from '../util/tensor';
import type { ParamSpec } from './types';

/**
 * Geometry shared by convolutions and pooling, channels-first. A 1D op over [C, L] is treated as a 2D op
 * over [C, 1, L] with a kernel of height 1, so both run through the same kernels.
 */
export interface Window2D {
  C: number;
  H: number;
  W: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  dh: number;
  dw: number;
  /** Zeros added before (top/left) and after (bottom/right); 'same' can make them differ by one. */
  padTop: number;
  padBottom: number;
  padLeft: number;
  padRight: number;
  Ho: number;
  Wo: number;
}

/**
 * 'valid', 'same', one number for every side, or a list per side in ONNX's order — all begins, then all
 * ends: [left, right] for 1D, [top, left, bottom, right] for 2D (imported models pad unevenly, e.g.
 * Caffe's [0, 0, 1, 1]).
 */
export type Padding = 'valid' | 'same' | number | readonly number[];

export const PADDING_SPEC: ParamSpec = {
  kind: 'padding',
  default: 'valid',
  max: 64,
  description: '"valid": no padding; "same": pad so the output is ⌈input / stride⌉ long; a number: that many zeros on each side; a list: zeros on each side, begins then ends ([left, right], or [top, left, bottom, right])',
};

/** How many entries a per-side padding list has for a rank-`rank` window. */
export const padListLength = (rank: 1 | 2): number => 2 * rank;

/**
 * Zeros before and after one axis of length `n` for a window of effective size `eff` (dilation included).
 * `axis` (0-based spatial axis of `rank`) picks the entries of a per-side list.
 */
export function padAmounts(padding: Padding, n: number, eff: number, stride: number, axis = 0, rank: 1 | 2 = 1): [number, number] {
  if (padding === 'valid') return [0, 0];
  if (typeof padding === 'number') return [padding, padding];
  if (Array.isArray(padding)) return [padding[axis] ?? 0, padding[axis + rank] ?? 0];
  // As TensorFlow and Keras: the output has ⌈n / stride⌉ positions, the odd zero goes after.
  const out = Math.ceil(n / stride);
  const total = Math.max((out - 1) * stride + eff - n, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

export interface WindowParams {
  rank: 1 | 2;
  kernel: number;
  stride: number;
  dilation: number;
  padding: Padding;
  /** Used in messages: 'kernel' or 'pool window'. */
  what: string;
  /** Pools only: round the window count up, adding a last partial window (PyTorch's and ONNX's ceil_mode). */
  ceilMode?: boolean;
}

/**
 * Windows along one axis, as PyTorch and ONNX count them: ⌊span / stride⌋ + 1, or with ceil mode
 * ⌈span / stride⌉ + 1 less a last window that would start in the end padding or past the input.
 */
export function windowCount(n: number, before: number, after: number, eff: number, stride: number, ceilMode: boolean): number {
  const span = n + before + after - eff;
  if (!ceilMode) return Math.floor(span / stride) + 1;
  let out = Math.ceil(span / stride) + 1;
  if ((out - 1) * stride >= n + before) out--;
  return out;
}

/** The window geometry over a per-sample input, or a plain-words message saying what does not fit. */
export function windowGeometry(input: Shape, p: WindowParams): { ok: true; g: Window2D } | { ok: false; message: string } {
  const axes = p.rank === 2 ? 'channels, height, width' : 'channels, length';
  if (input.length !== p.rank + 1) {
    const hint = p.rank === 2
      ? input.length === 1 ? '; a flat vector has no rows and columns — feed an image (e.g. mnist with layout "image") or add a Reshape such as [1, 28, 28]' : ''
      : input.length === 1 ? '; add a Reshape such as [1, L] to make one channel' : input.length === 3 ? '; this is an image: use the 2D version' : '';
    return { ok: false, message: `expects [B, ${axes}], got ${formatShape(input)}${hint}` };
  }
  const [C, H, W] = p.rank === 2 ? (input as [number, number, number]) : [input[0]!, 1, input[1]!];
  const k = p.kernel;
  const eff = p.dilation * (k - 1) + 1;
  if (Array.isArray(p.padding) && p.padding.length !== padListLength(p.rank)) {
    const order = p.rank === 2 ? '[top, left, bottom, right]' : '[left, right]';
    return { ok: false, message: `padding [${p.padding.join(', ')}] should list ${padListLength(p.rank)} numbers, ${order}` };
  }
  const [padLeft, padRight] = padAmounts(p.padding, W, eff, p.stride, p.rank - 1, p.rank);
  const [padTop, padBottom] = p.rank === 2 ? padAmounts(p.padding, H, eff, p.stride, 0, 2) : [0, 0];
  const dimName = p.rank === 2 ? ['height', 'width'] : ['', 'length'];
  const check = (n: number, before: number, after: number, name: string): string | null => {
    if (n + before + after >= eff) return null;
    const span = p.dilation > 1 ? `${eff} (size ${k} with dilation ${p.dilation})` : `${k}`;
    return `${p.what} of ${span} is larger than the padded input ${name} ${n + before + after} (${n} + padding ${before + after}); use a smaller ${p.what}, padding "same", or fewer downsampling layers before this one`;
  };
  const msg = (p.rank === 2 ? check(H, padTop, padBottom, dimName[0]!) : null) ?? check(W, padLeft, padRight, dimName[1]!);
  if (msg) return { ok: false, message: msg };
  const kh = p.rank === 2 ? k : 1;
  const dh = p.rank === 2 ? p.dilation : 1;
  const sh = p.rank === 2 ? p.stride : 1;
  const ceil = p.ceilMode ?? false;
  const Ho = windowCount(H, padTop, padBottom, dh * (kh - 1) + 1, sh, ceil);
  const Wo = windowCount(W, padLeft, padRight, eff, p.stride, ceil);
  return {
    ok: true,
    g: { C, H, W, kh, kw: k, sh, sw: p.stride, dh, dw: p.dilation, padTop, padBottom, padLeft, padRight, Ho, Wo },
  };
}

/** The per-sample output shape of a window op with `channels` outputs. */
export function windowOutputShape(rank: 1 | 2, channels: number, g: Window2D): Shape {
  return rank === 2 ? [channels, g.Ho, g.Wo] : [channels, g.Wo];
}
