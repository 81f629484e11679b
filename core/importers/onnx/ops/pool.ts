import type { ParamValues } from '../../../catalog/types';
import type { OpMapper } from '../values';
import { extraOutputsUnused, fullShape, liveInput } from './util';
import { ceilModeAddsWindows, sidePads, spatialRank, windowAttrs } from './window';

const POOL_TYPES = { max: ['MaxPool1D', 'MaxPool2D'], avg: ['AvgPool1D', 'AvgPool2D'] } as const;

function pool(op: 'max' | 'avg'): OpMapper {
  return (ctx) => {
    const x = liveInput(ctx, 0);
    if (!x) return 'needs a computed input';
    if (!ctx.attrs.has('kernel_shape')) return 'has no kernel_shape';
    const w = windowAttrs(ctx, x, undefined);
    if (typeof w === 'string') return w;
    const pads = sidePads(x, w);
    // ONNX requires every pad under the window (a window of padding only has no value); so does NetLoom.
    if (pads.some(([a, b]) => a >= w.kernel || b >= w.kernel)) return `pads of a whole window (${w.kernel}) or more on one side leave windows that hold only padding`;
    // A single number follows PyTorch's rule (at most half a window); ONNX allows up to a window less
    // one, which NetLoom takes as a per-side list.
    const padding = typeof w.padding === 'number' && w.padding > Math.floor(w.kernel / 2) ? [...pads.map(([a]) => a), ...pads.map(([, b]) => b)] : w.padding;
    const params: ParamValues = { poolSize: w.kernel, stride: w.stride === w.kernel ? 0 : w.stride, padding, ...(w.dilation !== 1 ? { dilation: w.dilation } : {}) };
    // Ceil mode only where it adds a partial last window (it changes nothing otherwise).
    if (ceilModeAddsWindows(ctx, x, w)) params.ceilMode = true;
    if (op === 'max') {
      // storage_order only changes how the Indices output counts; that output has no NetLoom equivalent.
      const extra = extraOutputsUnused(ctx, `the argmax indices${ctx.attrs.int('storage_order', 0) ? ', storage_order 1' : ''}`);
      if (extra) return extra;
    } else if (pads.some(([a, b]) => a + b > 0) && ctx.attrs.int('count_include_pad', 0) === 0) {
      // ONNX's default leaves padding out of the divisor; NetLoom's (PyTorch's) counts it. Without padding
      // both give the same divisor, so the param is set only where it matters.
      params.countIncludePad = false;
    }
    const out = ctx.emit(POOL_TYPES[op][w.rank - 1]!, params, [x]);
    return typeof out === 'string' ? out : [out];
  };
}

export const maxPool = pool('max');
export const averagePool = pool('avg');

/**
 * GlobalAveragePool → GlobalAvgPool. ONNX keeps the spatial axes as 1s ([C, 1, 1]); NetLoom's node
 * gives [C]. A Reshape back to ONNX's shape keeps later ops honest, and the Flatten/Squeeze that
 * nearly always follows reads the pooled [C] directly (the Reshape is then pruned).
 */
export const globalAveragePool: OpMapper = (ctx) => {
  const x = liveInput(ctx, 0);
  if (!x) return 'needs a computed input';
  const rank = spatialRank(x);
  if (typeof rank === 'string') return rank;
  const pooled = ctx.emit('GlobalAvgPool', {}, [x]);
  if (typeof pooled === 'string') return pooled;
  const kept = [x.shape[0]!, ...x.shape.slice(1).map(() => 1)];
  const out = ctx.emit('Reshape', { shape: kept }, [pooled]);
  if (typeof out === 'string') return `could not keep the pooled ${fullShape(pooled)} as ${kept.join('×')}: ${out}`;
  return [{ ...out, flat: { node: pooled.node, shape: pooled.shape } }];
};
