import type { OpMapper, WeightData } from '../values';
import { biasValues } from './dense';
import { constInput, fullShape, liveInput } from './util';
import { windowAttrs } from './window';

/**
 * Conv over [B, C, L] or [B, C, H, W] with a constant weight [F, C/group, k…] → Conv1D / Conv2D.
 * ONNX's weight layout is NetLoom's (PyTorch's), so it is copied unchanged.
 */
export const conv: OpMapper = (ctx) => {
  const x = liveInput(ctx, 0);
  const W = constInput(ctx, 1);
  if (!x || !W) return 'needs the data as input X and a constant weight as input W';
  const w = windowAttrs(ctx, x, W.dims.slice(2));
  if (typeof w === 'string') return w;
  if (W.dims.length !== w.rank + 2) return `the weight has shape [${W.dims.join(', ')}], not [filters, channels/group, ${w.rank === 2 ? 'kh, kw' : 'k'}]`;
  const groups = ctx.attrs.int('group', 1);
  const filters = W.dims[0]!;
  if (W.dims[1]! * groups !== x.shape[0]) return `the weight [${W.dims.join(', ')}] with group ${groups} expects ${W.dims[1]! * groups} input channels, the input ${fullShape(x)} has ${x.shape[0]}`;
  const weights: Record<string, WeightData> = { W: { dims: w.rank === 2 ? [...W.dims] : [filters, W.dims[1]!, w.kernel], data: W.data } };
  const Bv = ctx.inputs[2];
  if (Bv && Bv.kind !== 'const') return 'input B (the bias) must be a constant';
  let hasBias = false;
  if (Bv) {
    const b = biasValues(Bv.tensor, filters);
    if (!b) return `bias B of shape [${Bv.tensor.dims.join(', ')}] is not one value per filter (${filters})`;
    weights.b = { dims: [filters], data: b };
    hasBias = true;
  }
  const params = { filters, kernelSize: w.kernel, stride: w.stride, padding: w.padding, dilation: w.dilation, groups, bias: hasBias };
  const out = ctx.emit(w.rank === 2 ? 'Conv2D' : 'Conv1D', params, [x], weights);
  return typeof out === 'string' ? out : [out];
};
