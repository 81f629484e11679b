import type { LiveValue, MapContext, OpMapper } from '../values';
import { fullShape, liveInput, onnxAxis } from './util';

/**
 * Softmax → Activation softmax, which normalises the last axis. From opset 13 the op normalises along
 * `axis` (default −1): another axis is swapped to the end by a Permute, normalised, and swapped back.
 * Before opset 13 it flattened the input to 2-D at `axis` (default 1) and normalised each row, i.e.
 * over all the axes from `axis` on together: a Reshape that merges them, the softmax, and a Reshape back.
 */
function softmaxOp(fn: 'softmax' | 'log_softmax'): OpMapper {
  return (ctx) => {
    const x = liveInput(ctx, 0);
    if (!x) return 'needs a computed input';
    const axis = onnxAxis(ctx.attrs.int('axis', ctx.opset >= 13 ? -1 : 1), x);
    const last = x.shape.length;
    if (axis < 1 || axis > last) {
      return `${fn} over axis ${axis} of ${fullShape(x)} would mix the examples of a batch (the batch axis is 0); NetLoom normalises each example on its own`;
    }
    if (axis === last) return one(ctx.emit('Activation', { fn }, [x]));
    return ctx.opset >= 13 ? alongAxis(ctx, fn, x, axis) : fromAxisOn(ctx, fn, x, axis);
  };
}

function one(out: LiveValue | string) {
  return typeof out === 'string' ? out : [out];
}

/** Opset ≥ 13: normalise one inner axis (1-based among the per-sample axes) by swapping it with the last. */
function alongAxis(ctx: MapContext, fn: string, x: LiveValue, axis: number) {
  const axes = x.shape.map((_, i) => i + 1);
  [axes[axis - 1], axes[axes.length - 1]] = [axes[axes.length - 1]!, axes[axis - 1]!];
  const there = ctx.emit('Permute', { axes }, [x]);
  if (typeof there === 'string') return there;
  const y = ctx.emit('Activation', { fn }, [there]);
  if (typeof y === 'string') return y;
  return one(ctx.emit('Permute', { axes }, [y]));
}

/** Opset < 13: normalise the axes from `axis` on as one row. */
function fromAxisOn(ctx: MapContext, fn: string, x: LiveValue, axis: number) {
  const kept = x.shape.slice(0, axis - 1);
  const row = x.shape.slice(axis - 1).reduce((a, b) => a * b, 1);
  const merged = kept.length === 0 ? ctx.emit('Flatten', {}, [x]) : ctx.emit('Reshape', { shape: [...kept, row] }, [x]);
  if (typeof merged === 'string') return merged;
  const y = ctx.emit('Activation', { fn }, [merged]);
  if (typeof y === 'string') return y;
  return one(ctx.emit('Reshape', { shape: [...x.shape] }, [y]));
}

export const softmax = softmaxOp('softmax');
/** LogSoftmax: the same axis rules as Softmax in every opset. */
export const logSoftmax = softmaxOp('log_softmax');
