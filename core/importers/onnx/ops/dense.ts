import type { ConstTensor } from '../tensor';
import type { MapContext, OpMapper, Value, WeightData } from '../values';
import { constInput, fullShape, liveInput } from './util';

/** Transpose of a 2-D constant (row-major). */
function transpose2d(t: ConstTensor): ConstTensor {
  const [r, c] = t.dims as [number, number];
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = t.data[i * c + j]!;
  return { dims: [c, r], data: out, dtype: t.dtype };
}

/** A bias given as a scalar, [units] or [1, units], as `units` values; null when it is not one. */
export function biasValues(c: ConstTensor, units: number): Float64Array | null {
  const count = c.data.length;
  const leadingOnes = c.dims.slice(0, -1).every((d) => d === 1);
  if (count === units && leadingOnes) return Float64Array.from(c.data);
  if (count === 1) return new Float64Array(units).fill(c.data[0]!);
  return null;
}

function dense(ctx: MapContext, W: ConstTensor, b: Float64Array | null): Value[] | string {
  const x = liveInput(ctx, 0)!;
  const [inF, units] = W.dims as [number, number];
  const last = x.shape[x.shape.length - 1];
  if (last !== inF) return `its weight is [${W.dims.join(', ')}] but the input ${fullShape(x)} has ${last} features`;
  const weights: Record<string, WeightData> = { W: { dims: [inF, units], data: W.data } };
  if (b) weights.b = { dims: [units], data: b };
  const out = ctx.emit('Dense', { units, bias: b !== null }, [x], weights);
  return typeof out === 'string' ? out : [out];
}

/** Gemm: Y = alpha·A'·B' + beta·C with A the data ([batch, in]) and B, C constants. */
export const gemm: OpMapper = (ctx) => {
  const x = liveInput(ctx, 0);
  const B = constInput(ctx, 1);
  if (!x || !B) return 'needs the data as input A and a constant weight matrix as input B';
  if (ctx.attrs.int('transA', 0) !== 0) return 'transA = 1 (the batch would be on the second axis) is not supported';
  if (x.shape.length !== 1) return `Gemm needs a 2-D input [batch, features], got ${fullShape(x)}`;
  if (B.dims.length !== 2) return `input B must be a matrix, got shape [${B.dims.join(', ')}]`;
  const alpha = ctx.attrs.float('alpha', 1);
  const beta = ctx.attrs.float('beta', 1);
  let W = ctx.attrs.int('transB', 0) ? transpose2d(B) : B;
  if (alpha !== 1) W = { ...W, data: W.data.map((v) => v * alpha) };
  const C = ctx.inputs[2];
  if (C && C.kind !== 'const') return 'input C must be a constant bias';
  let b: Float64Array | null = null;
  if (C && beta !== 0) {
    b = biasValues(C.tensor, W.dims[1]!);
    if (!b) return `bias C of shape [${C.tensor.dims.join(', ')}] is not one value per output (${W.dims[1]})`;
    if (beta !== 1) b = b.map((v) => v * beta);
  }
  return dense(ctx, W, b);
};

/** MatMul of the data by a constant matrix: a Dense without bias (a following Add may supply it). */
export const matMul: OpMapper = (ctx) => {
  const x = liveInput(ctx, 0);
  const W = constInput(ctx, 1);
  if (!x && liveInput(ctx, 1)) return 'a MatMul of two computed tensors (as in attention) is not supported yet; only data × constant weight matrix';
  if (!x || !W) return 'needs the data as first input and a constant weight matrix as second';
  if (W.dims.length !== 2) return `the weight must be a matrix, got shape [${W.dims.join(', ')}]`;
  return dense(ctx, W, null);
};
