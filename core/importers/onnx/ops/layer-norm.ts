import { LAYER_NORM_EPSILON } from '../../../catalog/nodes/layer-norm';
import type { OpMapper } from '../values';
import { constInput, extraOutputsUnused, fullShape, liveInput, NOTHING, onnxAxis } from './util';

/**
 * LayerNormalization (opset 17) → LayerNorm with gamma = Scale and beta = B. ONNX normalises all the
 * axes from `axis` on together; NetLoom's LayerNorm normalises the last axis, so for an earlier axis
 * the normalised axes are merged by a Reshape (Scale and B, shaped like them, flatten the same way)
 * and the result is reshaped back. ε is kept (the node's epsilon param).
 */
export const layerNormalization: OpMapper = (ctx) => {
  const x = liveInput(ctx, 0);
  // torch.onnx.export writes nn.LayerNorm(elementwise_affine=False) with an empty Scale: γ = 1.
  const scale = ctx.inputs[1] === undefined && x ? { data: new Float64Array(x.shape.slice(onnxAxis(ctx.attrs.int('axis', -1), x) - 1).reduce((a, b) => a * b, 1)).fill(1) } : constInput(ctx, 1);
  if (!x || !scale) return 'needs the data and a constant Scale';
  const axis = onnxAxis(ctx.attrs.int('axis', -1), x);
  if (axis < 1 || axis > x.shape.length) return `normalises from axis ${axis} of ${fullShape(x)}, across the batch; NetLoom's LayerNorm normalises each example on its own`;
  const unused = extraOutputsUnused(ctx, 'mean / inverse std');
  if (unused) return unused;
  const kept = x.shape.slice(0, axis - 1);
  const d = x.shape.slice(axis - 1).reduce((a, b) => a * b, 1);
  const bias = ctx.inputs[2];
  if (bias && bias.kind !== 'const') return 'input B must be a constant';
  if (scale.data.length !== d || (bias?.kind === 'const' && bias.tensor.data.length !== d)) return `Scale and B must hold ${d} values, one per feature`;
  // ONNX stores ε as a float32: 1e-5 reads back as 9.99999975e-6. Within float32 rounding of
  // NetLoom's default it is the default (so a NetLoom export reopens identical); else it is kept.
  const raw = ctx.attrs.float('epsilon', 1e-5);
  const epsilon = Math.abs(raw - LAYER_NORM_EPSILON) <= 1e-12 ? LAYER_NORM_EPSILON : raw;
  const beta = bias?.kind === 'const' ? bias.tensor.data : new Float64Array(d);
  const merged = axis === x.shape.length ? x : kept.length === 0 ? ctx.emit('Flatten', {}, [x]) : ctx.emit('Reshape', { shape: [...kept, d] }, [x]);
  if (typeof merged === 'string') return merged;
  const normed = ctx.emit('LayerNorm', { epsilon }, [merged], { gamma: { dims: [d], data: scale.data }, beta: { dims: [d], data: beta } });
  if (typeof normed === 'string') return normed;
  const out = merged === x ? normed : ctx.emit('Reshape', { shape: [...x.shape] }, [normed]);
  return typeof out === 'string' ? out : [out, ...ctx.node.outputs.slice(1).map(() => NOTHING)];
};
