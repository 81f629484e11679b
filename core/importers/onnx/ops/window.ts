import { padAmounts, windowCount, type Padding } from '../../../catalog/spatial';
import type { LiveValue, MapContext } from '../values';
import { fullShape } from './util';

/**
 * What Conv and the pools share: reading ONNX's per-axis window attributes into NetLoom's single
 * kernel size, stride, dilation and padding. NetLoom windows are square (one size for every spatial
 * axis), so other kernels and strides are refused naming the attribute. Padding is read as the simplest
 * NetLoom setting that gives the same zeros: 'valid', one number, 'same' (extra zero after, as ONNX's
 * SAME_UPPER), else ONNX's own per-side list (begins, then ends — SAME_LOWER resolved for this input).
 */
export interface WindowAttrs {
  rank: 1 | 2;
  kernel: number;
  stride: number;
  dilation: number;
  padding: Padding;
}

/** One value for every spatial axis, or a refusal naming the attribute. */
function single(name: string, values: readonly number[], what: string): number | string {
  if (values.some((v) => v !== values[0])) return `${name} [${values.join(', ')}] differ between axes; NetLoom ${what} are the same along every axis`;
  return values[0]!;
}

/** The spatial rank of a channels-first input ([C, L] → 1, [C, H, W] → 2), or why it is not supported. */
export function spatialRank(x: LiveValue): 1 | 2 | string {
  if (x.shape.length === 2) return 1;
  if (x.shape.length === 3) return 2;
  return `needs a [B, C, L] or [B, C, H, W] input, got ${fullShape(x)}${x.shape.length === 4 ? ' (3-D windows are not supported)' : ''}`;
}

/**
 * The window attributes of a Conv (`kernel` from kernel_shape, else the weight) or a pool.
 * `spatial` is the input's spatial sizes ([L] or [H, W]), used to resolve auto_pad and to recognise
 * explicit pads that equal NetLoom's 'same'.
 */
export function windowAttrs(ctx: MapContext, x: LiveValue, kernelShape: readonly number[] | undefined): WindowAttrs | string {
  const rank = spatialRank(x);
  if (typeof rank === 'string') return rank;
  const spatial = x.shape.slice(1);
  const ks = ctx.attrs.ints('kernel_shape') ?? kernelShape;
  if (!ks || ks.length !== rank) return `kernel_shape ${ks ? `[${ks.join(', ')}]` : 'is missing and'} does not match the ${rank}-D input ${fullShape(x)}`;
  const kernel = single('kernel_shape', ks, 'kernels are square:');
  const stride = single('strides', ctx.attrs.ints('strides') ?? ks.map(() => 1), 'strides');
  const dilation = single('dilations', ctx.attrs.ints('dilations') ?? ks.map(() => 1), 'dilations');
  for (const v of [kernel, stride, dilation]) if (typeof v === 'string') return v;
  const k = kernel as number, s = stride as number, d = dilation as number;
  const eff = d * (k - 1) + 1;
  const padding = resolvePadding(ctx, spatial, eff, s);
  if ('refused' in padding) return padding.refused;
  return { rank, kernel: k, stride: s, dilation: d, padding: padding.padding };
}

type PaddingOutcome = { padding: Padding } | { refused: string };

function resolvePadding(ctx: MapContext, spatial: readonly number[], eff: number, stride: number): PaddingOutcome {
  const autoPad = ctx.attrs.string('auto_pad', 'NOTSET');
  const same = spatial.map((n) => padAmounts('same', n, eff, stride));
  if (autoPad === 'VALID') return { padding: 'valid' };
  if (autoPad === 'SAME_UPPER') return { padding: 'same' };
  if (autoPad === 'SAME_LOWER') {
    // SAME_LOWER puts the odd zero before; when every total is even both agree.
    if (same.every(([a, b]) => a === b)) return { padding: 'same' };
    return { padding: [...same.map(([, b]) => b), ...same.map(([a]) => a)] };
  }
  if (autoPad !== 'NOTSET') return { refused: `auto_pad "${autoPad}" is not an ONNX setting` };
  const pads = ctx.attrs.ints('pads') ?? spatial.flatMap(() => [0, 0]);
  if (pads.length !== 2 * spatial.length) return { refused: `pads [${pads.join(', ')}] should have ${2 * spatial.length} entries` };
  if (pads.every((p) => p === 0)) return { padding: 'valid' };
  if (pads.every((p) => p === pads[0])) return { padding: pads[0]! };
  // Uneven pads that are exactly "same" for this input (as TensorFlow-made models write) read as "same".
  const r = spatial.length;
  if (same.every(([a, b], i) => pads[i] === a && pads[i + r] === b)) return { padding: 'same' };
  if (pads.some((p) => p < 0)) return { refused: `pads [${pads.join(', ')}] has a negative entry (cropping); NetLoom pads with zeros only` };
  return { padding: pads };
}

/** Zeros before and after each spatial axis for the padding `windowAttrs` chose. */
export function sidePads(x: LiveValue, w: WindowAttrs): Array<[number, number]> {
  const eff = w.dilation * (w.kernel - 1) + 1;
  return x.shape.slice(1).map((n, axis) => padAmounts(w.padding, n, eff, w.stride, axis, w.rank));
}

/**
 * Whether ceil_mode = 1 adds a last, partial window on some axis of this input. When it adds none the
 * pool is imported without ceil mode, so the graph stays as simple (and as exportable) as it can.
 */
export function ceilModeAddsWindows(ctx: MapContext, x: LiveValue, w: WindowAttrs): boolean {
  if (ctx.attrs.int('ceil_mode', 0) === 0) return false;
  const eff = w.dilation * (w.kernel - 1) + 1;
  return x.shape.slice(1).some((n, axis) => {
    const [a, b] = padAmounts(w.padding, n, eff, w.stride, axis, w.rank);
    return windowCount(n, a, b, eff, w.stride, true) !== windowCount(n, a, b, eff, w.stride, false);
  });
}
