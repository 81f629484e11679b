import { LAYER_NORM_EPSILON } from '../../../catalog/nodes/layer-norm';
import type { OpMapper } from '../values';
import { constInput, extraOutputsUnused, fullShape, liveInput, NOTHING, onnxAxis } from './util';

/**
 * LayerNormalization (opset 17) over the last axis → LayerNorm with gamma = Scale and beta = B.
 * NetLoom's ε is fixed at 1e-5 (PyTorch's default); a model with another ε imports with a note.
 */
export const layerNormalization: OpMapper = (ctx) => {
  const x = liveInput(ctx, 0);
  const scale = constInput(ctx, 1);
  if (!x || !scale) return 'needs the data and a constant Scale';
  const axis = onnxAxis(ctx.attrs.int('axis', -1), x);
  if (axis !== x.shape.length) return `normalises from axis ${axis} of ${fullShape(x)}; NetLoom's LayerNorm normalises the last axis only`;
  const unused = extraOutputsUnused(ctx, 'mean / inverse std');
  if (unused) return unused;
  const d = x.shape[x.shape.length - 1]!;
  const bias = ctx.inputs[2];
  if (bias && bias.kind !== 'const') return 'input B must be a constant';
  if (scale.data.length !== d || (bias?.kind === 'const' && bias.tensor.data.length !== d)) return `Scale and B must hold ${d} values, one per feature`;
  const epsilon = ctx.attrs.float('epsilon', 1e-5);
  if (Math.abs(epsilon - LAYER_NORM_EPSILON) > 1e-5) return `epsilon = ${epsilon}; NetLoom's LayerNorm uses ${LAYER_NORM_EPSILON}`;
  const beta = bias?.kind === 'const' ? bias.tensor.data : new Float64Array(d);
  const out = ctx.emit('LayerNorm', {}, [x], { gamma: { dims: [d], data: scale.data }, beta: { dims: [d], data: beta } });
  return typeof out === 'string' ? out : [out, ...ctx.node.outputs.slice(1).map(() => NOTHING)];
};
