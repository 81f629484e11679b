import type { ParamValues } from '../../../catalog/types';
import type { LiveValue, MapContext, OpMapper, Value } from '../values';
import { constInput, fullShape, liveInput } from './util';

/** ONNX's Selu defaults, which are NetLoom's fixed SELU constants (in float32). */
const SELU_ALPHA = 1.6732632423543772;
const SELU_GAMMA = 1.0507009873554805;
/** ONNX float attributes are float32: 0.01 arrives as 0.009999999776…; keep the short decimal it came from. */
export function shortestFloat32(v: number): number {
  for (let p = 1; p <= 9; p++) {
    const d = Number(v.toPrecision(p));
    if (Math.fround(d) === Math.fround(v)) return d;
  }
  return v;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

function activation(ctx: MapContext, fn: string, params: ParamValues = {}, weights?: Record<string, { dims: number[]; data: ArrayLike<number> }>) {
  const x = liveInput(ctx, 0);
  if (!x) return 'needs a computed input';
  const out = ctx.emit('Activation', { fn, ...params }, [x], weights);
  return typeof out === 'string' ? out : [out];
}

/** Ops that are one NetLoom activation fn, with no attributes to check. */
const plain = (fn: string): OpMapper => (ctx) => activation(ctx, fn);

export const relu = plain('relu');
export const sigmoid = plain('sigmoid');
export const tanh = plain('tanh');
export const softsign = plain('softsign');
export const silu = plain('silu');
export const mish = plain('mish');

export const softplus: OpMapper = (ctx) => activation(ctx, 'softplus');

export const leakyRelu: OpMapper = (ctx) => {
  const alpha = ctx.attrs.float('alpha', 0.01);
  if (alpha < 0 || alpha > 1) return `alpha = ${shortestFloat32(alpha)} is outside NetLoom's leaky_relu range [0, 1]`;
  return activation(ctx, 'leaky_relu', { alpha: shortestFloat32(alpha) });
};

export const elu: OpMapper = (ctx) => {
  const alpha = ctx.attrs.float('alpha', 1);
  if (alpha < 0) return `alpha = ${alpha} must be ≥ 0`;
  return activation(ctx, 'elu', { alpha: shortestFloat32(alpha) });
};

export const selu: OpMapper = (ctx) => {
  const alpha = ctx.attrs.float('alpha', SELU_ALPHA);
  const gamma = ctx.attrs.float('gamma', SELU_GAMMA);
  if (!close(alpha, SELU_ALPHA) || !close(gamma, SELU_GAMMA)) {
    return `alpha = ${shortestFloat32(alpha)}, gamma = ${shortestFloat32(gamma)}: NetLoom's selu uses the standard constants ${SELU_ALPHA}, ${SELU_GAMMA}`;
  }
  return activation(ctx, 'selu');
};

/** ONNX HardSigmoid is max(0, min(1, alpha·x + beta)); NetLoom's is relu6(x + 3)/6 (alpha 1/6, beta 1/2). */
export const hardSigmoid: OpMapper = (ctx) => {
  const alpha = ctx.attrs.float('alpha', 0.2);
  const beta = ctx.attrs.float('beta', 0.5);
  if (!close(alpha, 1 / 6) || !close(beta, 0.5)) {
    return `alpha = ${shortestFloat32(alpha)}, beta = ${shortestFloat32(beta)}: NetLoom's hard_sigmoid is the alpha = 1/6, beta = 0.5 form (PyTorch's Hardsigmoid)`;
  }
  return activation(ctx, 'hard_sigmoid');
};

/** HardSwish (opset 14) is x · hard_sigmoid(x) with PyTorch's constants: NetLoom's hard_sigmoid and a Multiply. */
export const hardSwish: OpMapper = (ctx) => {
  const x = liveInput(ctx, 0);
  if (!x) return 'needs a computed input';
  const gate = ctx.emit('Activation', { fn: 'hard_sigmoid' }, [x]);
  if (typeof gate === 'string') return gate;
  const out = ctx.emit('Multiply', {}, [x, gate]);
  return typeof out === 'string' ? out : [out];
};

/** Gelu (opset 20, or fused from the erf / tanh formulas): "tanh" → gelu, the exact "none" → gelu_erf. */
export const gelu: OpMapper = (ctx) => {
  const approximate = ctx.attrs.string('approximate', 'none');
  if (approximate === 'tanh') return activation(ctx, 'gelu');
  if (approximate === 'none') return activation(ctx, 'gelu_erf');
  return `approximate = "${approximate}": ONNX defines only "none" (the exact, erf form) and "tanh"`;
};

/** PRelu with a learned slope per feature on the last axis (or one slope shared by all). */
export const prelu: OpMapper = (ctx) => {
  const x = liveInput(ctx, 0);
  const slope = constInput(ctx, 1);
  if (!x || !slope) return 'needs the data and a constant slope';
  const features = x.shape[x.shape.length - 1];
  if (features === undefined) return 'needs at least one feature axis';
  let alpha: Float64Array;
  if (slope.data.length === 1) alpha = new Float64Array(features).fill(slope.data[0]!);
  else if (slope.data.length === features && slope.dims[slope.dims.length - 1] === features) alpha = Float64Array.from(slope.data);
  else return channelPrelu(ctx, x, slope) ?? `slope of shape [${slope.dims.join(', ')}] is per channel on an axis other than the last of ${fullShape(x)}; NetLoom's prelu has one slope per last-axis feature`;
  return activation(ctx, 'prelu', {}, { alpha: { dims: [features], data: alpha } });
};

/**
 * nn.PReLU(C) after a Conv: a slope per channel of [C, L] / [C, H, W], written [C, 1(, 1)]. NetLoom's
 * prelu has one slope per last-axis feature, so the channels are moved last by a Permute, the prelu
 * runs, and a second Permute moves them back: the same values.
 */
function channelPrelu(ctx: MapContext, x: LiveValue, slope: { dims: number[]; data: ArrayLike<number> }): Value[] | string | null {
  const C = x.shape[0]!;
  const rank = x.shape.length;
  const perChannel = rank >= 2 && slope.data.length === C && slope.dims.length <= rank && slope.dims.every((d, i) => d === (i === slope.dims.length - rank ? C : 1));
  if (!perChannel) return null;
  const last = [...Array.from({ length: rank - 1 }, (_, i) => i + 2), 1];
  const back = [rank, ...Array.from({ length: rank - 1 }, (_, i) => i + 1)];
  const moved = ctx.emit('Permute', { axes: last }, [x]);
  if (typeof moved === 'string') return moved;
  const act = ctx.emit('Activation', { fn: 'prelu' }, [moved], { alpha: { dims: [C], data: Float64Array.from(slope.data) } });
  if (typeof act === 'string') return act;
  const out = ctx.emit('Permute', { axes: back }, [act]);
  return typeof out === 'string' ? out : [out];
}

/** Clip(0, 6) is relu6, Clip(0, ∞) is relu; bounds are attributes before opset 11, inputs after. */
export const clip: OpMapper = (ctx) => {
  let min: number | undefined;
  let max: number | undefined;
  if (ctx.opset < 11) {
    min = ctx.attrs.has('min') ? ctx.attrs.float('min', 0) : undefined;
    max = ctx.attrs.has('max') ? ctx.attrs.float('max', 0) : undefined;
  } else {
    const lo = ctx.inputs[1];
    const hi = ctx.inputs[2];
    if ((lo && lo.kind !== 'const') || (hi && hi.kind !== 'const')) return 'bounds must be constants';
    min = lo?.kind === 'const' ? lo.tensor.data[0] : undefined;
    max = hi?.kind === 'const' ? hi.tensor.data[0] : undefined;
  }
  if (min === 0 && max === 6) return activation(ctx, 'relu6');
  if (min === 0 && (max === undefined || max === Infinity)) return activation(ctx, 'relu');
  return `Clip(${min ?? '−∞'}, ${max ?? '∞'}) has no NetLoom activation (relu6 is Clip(0, 6), relu is Clip(0, ∞))`;
};
