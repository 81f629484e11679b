import type { LiveValue, OpMapper } from '../values';
import { axesOf, fullShape, liveInput, one, onnxAxis } from './util';

/**
 * ReduceMax over the positions of a feature map or sequence — PyTorch's torch.max(x, dim)[0] /
 * x.amax(dim), max-over-time pooling — is one max pool whose window is the whole axis:
 *   [C, L] over axis 2            → MaxPool1D(L)                    → [C, 1] (→ [C] without keepdims)
 *   [T, d] over axis 1 (the time) → Permute → MaxPool1D(T) over it  → [d, 1] (→ [d], or [1, d])
 *   [C, H, W] over axes 2, 3 (H = W) → MaxPool2D(H)                 → [C, 1, 1] (→ [C])
 */
export const reduceMax: OpMapper = (ctx) => {
  const x = liveInput(ctx, 0);
  if (!x) return 'needs a computed input';
  const axes = axesOf(ctx, 18);
  if (typeof axes === 'string') return axes;
  const keep = ctx.attrs.int('keepdims', 1) === 1;
  const on = (axes ?? []).map((a) => onnxAxis(a, x)).sort((p, q) => p - q).join();
  const [a, b, c] = x.shape;
  const reshaped = (pooled: LiveValue | string, shape: number[]) => (typeof pooled === 'string' ? pooled : ctx.emit('Reshape', { shape }, [pooled]));
  if (x.shape.length === 2 && on === '2') {
    const pooled = ctx.emit('MaxPool1D', { poolSize: b!, stride: 0 }, [x]);
    return one(keep ? pooled : reshaped(pooled, [a!]));
  }
  if (x.shape.length === 2 && on === '1') {
    const channelsFirst = ctx.emit('Permute', { axes: [2, 1] }, [x]);
    if (typeof channelsFirst === 'string') return channelsFirst;
    const pooled = ctx.emit('MaxPool1D', { poolSize: a!, stride: 0 }, [channelsFirst]);
    return one(reshaped(pooled, keep ? [1, b!] : [b!]));
  }
  if (x.shape.length === 3 && on === '2,3' && b === c) {
    const pooled = ctx.emit('MaxPool2D', { poolSize: b!, stride: 0 }, [x]);
    return one(keep ? pooled : reshaped(pooled, [a!]));
  }
  return `max over axes [${(axes ?? ['all']).join(', ')}] of ${fullShape(x)}: NetLoom takes a maximum over the positions of [B, C, L] (axis 2), [B, T, d] (axis 1) or a square [B, C, H, W] (axes 2, 3), as a max pool over the whole axis`;
};
