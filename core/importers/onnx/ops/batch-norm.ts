import type { OpMapper, WeightData } from '../values';
import { constInput, extraOutputsUnused, fullShape, liveInput } from './util';

/**
 * Inference BatchNormalization → BatchNorm with the running statistics in its state tensors.
 * ONNX's momentum weighs the old running value (default 0.9); NetLoom's, like PyTorch's, weighs the
 * new batch, so NetLoom's momentum is 1 − ONNX's.
 */
export const batchNormalization: OpMapper = (ctx) => {
  const x = liveInput(ctx, 0);
  if (!x) return 'needs a computed input X';
  if (ctx.attrs.int('training_mode', 0) !== 0) return 'training_mode = 1 (batch statistics) is not an inference graph; export the model in eval mode';
  // Opsets 7–8: spatial = 0 keeps statistics per position ([C, H, W] of them), not per channel.
  if (ctx.opset < 9 && ctx.attrs.int('spatial', 1) === 0) return 'spatial = 0 (statistics per position, not per channel) is not supported; NetLoom\'s BatchNorm keeps one mean and variance per channel';
  const extra = extraOutputsUnused(ctx, 'a training-time statistic');
  if (extra) return extra;
  if (x.shape.length < 1 || x.shape.length > 3) return `normalises [B, C], [B, C, L] or [B, C, H, W], got ${fullShape(x)}`;
  const C = x.shape[0]!;
  const names = ['scale', 'B', 'input_mean', 'input_var'];
  const ts = [1, 2, 3, 4].map((i) => constInput(ctx, i));
  for (let i = 0; i < 4; i++) {
    const t = ts[i];
    if (!t) return `input ${names[i]} must be a constant`;
    if (t.data.length !== C) return `input ${names[i]} has ${t.data.length} values, the input ${fullShape(x)} has ${C} channels`;
  }
  const [scale, shift, mean, variance] = ts as NonNullable<(typeof ts)[number]>[];
  // NetLoom's exporter writes a BatchNorm without `affine` with constants named …/ones and …/zeros;
  // anything else keeps its scale and shift as learnable weights (an untrained affine BatchNorm has
  // ones and zeros too, so the values alone cannot tell).
  const [scaleName, shiftName] = [ctx.node.inputs[1] ?? '', ctx.node.inputs[2] ?? ''];
  const fixed = scaleName.endsWith('/ones') && shiftName.endsWith('/zeros') && scale.data.every((v) => v === 1) && shift.data.every((v) => v === 0);
  const affine = !fixed;
  const vec = (t: typeof scale): WeightData => ({ dims: [C], data: t.data });
  const weights: Record<string, WeightData> = { runningMean: vec(mean), runningVar: vec(variance) };
  if (affine) Object.assign(weights, { gamma: vec(scale), beta: vec(shift) });
  // float32 attributes: round so 1e-5 stays 1e-5 and 1 − 0.9 stays 0.1, not 0.09999999.
  const f32 = (v: number) => Number(v.toPrecision(7));
  const params = { epsilon: f32(ctx.attrs.float('epsilon', 1e-5)), momentum: f32(1 - ctx.attrs.float('momentum', 0.9)), affine };
  const out = ctx.emit('BatchNorm', params, [x], weights);
  return typeof out === 'string' ? out : [out];
};
