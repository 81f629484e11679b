import type { OpMapper } from '../values';
import { fullShape, liveInput } from './util';

/**
 * LRN → NetLoom's LRN node, whose formula is ONNX's (alpha divided by size; the odd channel of an even
 * window after). Up to two spatial axes, as every NetLoom channels-first layer.
 */
export const lrn: OpMapper = (ctx) => {
  const x = liveInput(ctx, 0);
  if (!x) return 'needs a computed input';
  if (x.shape.length < 1 || x.shape.length > 3) return `needs a [B, C], [B, C, L] or [B, C, H, W] input, got ${fullShape(x)}`;
  if (!ctx.attrs.has('size')) return 'has no size (how many channels each value is normalised over)';
  const size = ctx.attrs.int('size', 1);
  if (size < 1) return `size ${size} must be at least 1`;
  const bias = ctx.attrs.float('bias', 1);
  if (!(bias > 0)) return `bias ${bias} must be above 0, so the divisor is never zero`;
  const params = { size, alpha: ctx.attrs.float('alpha', 1e-4), beta: ctx.attrs.float('beta', 0.75), bias };
  const out = ctx.emit('LRN', params, [x]);
  return typeof out === 'string' ? out : [out];
};
