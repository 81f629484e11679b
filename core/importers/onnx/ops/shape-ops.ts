import type { ParamValues } from '../../../catalog/types';
import { sizeOf } from '../../../util/tensor';
import type { LiveValue, MapContext, OpMapper, Value } from '../values';
import { axesOf, constInput, fullShape, liveInput, one, onnxAxis } from './util';

/** Flatten at axis 1 keeps the batch and joins the rest: NetLoom's Flatten. At axis = rank it is a no-op. */
export const flatten: OpMapper = (ctx) => {
  const x = liveInput(ctx, 0);
  if (!x) return 'needs a computed input';
  const axis = onnxAxis(ctx.attrs.int('axis', 1), x);
  if (axis !== 1) return `axis = ${axis} would fold the batch into the features (NetLoom's Flatten is axis 1)`;
  if (x.shape.length === 1) return [x];
  if (x.flat?.shape.length === 1) return [{ kind: 'live', node: x.flat.node, shape: x.flat.shape }];
  return one(ctx.emit('Flatten', {}, [x]));
};

/**
 * Reshape with a folded target shape (0 copies the input's size, −1 is inferred). Keeping the batch
 * and joining the rest is a Flatten; a target equal to the input's shape is dropped; any other keeps
 * the batch first and becomes a Reshape node with the resolved per-sample shape.
 */
export const reshape: OpMapper = (ctx) => {
  const x = liveInput(ctx, 0);
  const target = constInput(ctx, 1);
  if (!x) return 'needs a computed input';
  if (!target) return 'the target shape is computed at run time and could not be folded to a constant';
  const allowZero = ctx.attrs.int('allowzero', 0) === 1;
  const dims = Array.from(target.data);
  const perSample = sizeOf(x.shape);
  // The batch entry may be 0 (copy), −1 (infer) or the folded symbolic batch (NaN).
  const keepsBatch = dims.length > 0 && (Number.isNaN(dims[0]) || dims[0] === -1 || (dims[0] === 0 && !allowZero) || dims[0] === ctx.fixedBatch);
  if (!keepsBatch) return `target shape [${dims.join(', ')}] does not keep the batch axis first`;
  const rest = dims.slice(1).map((d, i) => (d === 0 && !allowZero ? (x.shape[i] ?? NaN) : d));
  if (rest.some(Number.isNaN)) return `target shape [${dims.join(', ')}] could not be resolved`;
  const known = rest.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  const resolved = rest.map((d) => (d === -1 ? perSample / known : d));
  if (sizeOf(resolved) !== perSample || resolved.some((d) => !Number.isInteger(d) || d < 1)) {
    return `cannot reshape ${fullShape(x)} to [B, ${rest.join(', ')}]`;
  }
  if (resolved.length === x.shape.length && resolved.every((d, i) => d === x.shape[i])) return [x];
  if (x.flat && resolved.length === x.flat.shape.length && resolved.every((d, i) => d === x.flat!.shape[i])) {
    return [{ kind: 'live', node: x.flat.node, shape: x.flat.shape }];
  }
  if (resolved.length === 1) return x.shape.length === 1 ? [x] : one(ctx.emit('Flatten', {}, [x]));
  return one(ctx.emit('Reshape', { shape: resolved }, [x]));
};

/** Concat along any axis but the batch → a chain of two-input Concats. */
export const concat: OpMapper = (ctx) => {
  const xs: LiveValue[] = [];
  for (let i = 0; i < ctx.inputs.length; i++) {
    const v = liveInput(ctx, i);
    if (!v) return `input ${i} is a constant; only computed tensors can be concatenated`;
    xs.push(v);
  }
  // ONNX's axis counts the batch as 0, as NetLoom's does; the last axis is left as the default.
  const axis = onnxAxis(ctx.attrs.int('axis', -1), xs[0]!);
  if (axis < 1 || axis > xs[0]!.shape.length) return `joins along axis ${axis} of ${fullShape(xs[0]!)}, the batch; NetLoom joins the features of each example`;
  const params: ParamValues = axis === xs[0]!.shape.length ? {} : { axis };
  let acc = xs[0]!;
  for (const next of xs.slice(1)) {
    const out = ctx.emit('Concat', params, [acc, next]);
    if (typeof out === 'string') return out;
    acc = out;
  }
  return [acc];
};

/** ReduceMean over the sequence axis of [B, T, d] without keepdims → MeanPool; over the spatial axes → GlobalAvgPool. */
export const reduceMean: OpMapper = (ctx) => {
  const x = liveInput(ctx, 0);
  if (!x) return 'needs a computed input';
  const axes = axesOf(ctx, 18);
  if (typeof axes === 'string') return axes;
  const keepdims = ctx.attrs.int('keepdims', 1);
  const norm = (axes ?? []).map((a) => onnxAxis(a, x));
  // The mean over every spatial axis of a channels-first [B, C, L] / [B, C, H, W] (torchvision's
  // x.mean([2, 3]) and adaptive pools to 1) is a global average pool.
  const spatial = x.shape.slice(1).map((_, i) => i + 2);
  if (x.shape.length >= 2 && x.shape.length <= 3 && norm.length === spatial.length && spatial.every((a) => norm.includes(a))) {
    const pooled = ctx.emit('GlobalAvgPool', {}, [x]);
    if (typeof pooled === 'string' || keepdims === 0) return one(pooled);
    const out = ctx.emit('Reshape', { shape: [x.shape[0]!, ...spatial.map(() => 1)] }, [pooled]);
    return typeof out === 'string' ? out : [{ ...out, flat: { node: pooled.node, shape: pooled.shape } }];
  }
  if (x.shape.length !== 2 || norm.length !== 1 || norm[0] !== 1) {
    return `mean over axes [${(axes ?? ['all']).join(', ')}] (keepdims ${keepdims}) of ${fullShape(x)}; NetLoom's MeanPool averages the sequence axis of [B, T, d] (axes [1])`;
  }
  const pooled = ctx.emit('MeanPool', {}, [x]);
  // x.mean(dim=1, keepdim=True) keeps the averaged axis as size 1: [B, 1, d].
  if (typeof pooled === 'string' || keepdims === 0) return one(pooled);
  return one(ctx.emit('Reshape', { shape: [1, x.shape[1]!] }, [pooled]));
};

/** Identity, inference-mode Dropout and Cast to float carry the value through unchanged. */
export const passThrough: OpMapper = (ctx: MapContext) => {
  const x = ctx.inputs[0];
  if (!x) return 'has no input';
  if (ctx.node.opType === 'Dropout' && ctx.node.outputs[1] && ctx.consumerCount(ctx.node.outputs[1]) > 0) {
    return 'its mask output is used, which an inference graph does not have';
  }
  // Opset 12+: a constant true training_mode with a non-zero ratio drops values at random: not inference.
  const [ratio, training] = [ctx.inputs[1], ctx.inputs[2]];
  if (ctx.node.opType === 'Dropout' && training?.kind === 'const' && training.tensor.data[0] && !(ratio?.kind === 'const' && ratio.tensor.data[0] === 0)) {
    return 'training_mode = 1 drops values at random, which is not an inference graph; export the model in eval mode';
  }
  // Token ids arrive as whole numbers in float32; a cast of the graph input to an integer type (as
  // before an embedding's Gather) leaves them unchanged.
  const intCast = [6, 7].includes(ctx.attrs.int('to', 1)) && x.kind === 'live' && ctx.paramsOf(x.node)?.type === 'Input';
  if (ctx.node.opType === 'Cast' && ctx.attrs.int('to', 1) !== 1 && !intCast) return `casts a computed tensor to data type ${ctx.attrs.int('to', 1)}; NetLoom computes in float32 only`;
  return [x, ...ctx.node.outputs.slice(1).map((): Value => ({ kind: 'poison' }))];
};
