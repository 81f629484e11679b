import type { OpMapper } from '../values';
import { extraOutputsUnused, fullShape, liveInput } from './util';
import { ceilModeHarmless, spatialRank, windowAttrs } from './window';

const POOL_TYPES = { max: ['MaxPool1D', 'MaxPool2D'], avg: ['AvgPool1D', 'AvgPool2D'] } as const;

function pool(op: 'max' | 'avg'): OpMapper {
  return (ctx) => {
    const x = liveInput(ctx, 0);
    if (!x) return 'needs a computed input';
    if (!ctx.attrs.has('kernel_shape')) return 'has no kernel_shape';
    const w = windowAttrs(ctx, x, undefined);
    if (typeof w === 'string') return w;
    if (w.dilation !== 1) return `dilations ${w.dilation} are not supported; NetLoom pools adjacent values`;
    const ceil = ceilModeHarmless(ctx, x, w);
    if (ceil) return ceil;
    if (op === 'max') {
      // storage_order only changes how the Indices output counts; that output has no NetLoom equivalent.
      const extra = extraOutputsUnused(ctx, `the argmax indices${ctx.attrs.int('storage_order', 0) ? ', storage_order 1' : ''}`);
      if (extra) return extra;
    } else if (w.padding !== 'valid' && ctx.attrs.int('count_include_pad', 0) === 0) {
      // ONNX's default leaves padding out of the divisor; NetLoom (like PyTorch's default) counts it.
      return 'count_include_pad = 0 with padding divides edge windows by the values inside the image only; NetLoom\'s average pooling counts the padding zeros (count_include_pad = 1, PyTorch\'s default)';
    }
    // Stride 0 is NetLoom's "one whole window", the usual non-overlapping pool.
    const params = { poolSize: w.kernel, stride: w.stride === w.kernel ? 0 : w.stride, padding: w.padding };
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
