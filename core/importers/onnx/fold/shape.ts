import { DataType } from '../../../onnx/proto';
import { elementCount, type ConstTensor } from '../tensor';
import type { ConstFolder } from '../values';

const norm = (axis: number, rank: number) => (axis < 0 ? axis + rank : axis);
const ints = (t: ConstTensor | undefined) => (t ? Array.from(t.data) : undefined);

/** Axes from the attribute (before `inputFrom`) or from input 1 (from then on). */
function axesOf(inputs: (ConstTensor | undefined)[], attrs: Parameters<ConstFolder>[1], opset: number, inputFrom: number): number[] | undefined {
  return opset >= inputFrom ? ints(inputs[1]) : attrs.ints('axes');
}

export const constantOfShape: ConstFolder = ([shape], attrs) => {
  const dims = ints(shape) ?? [];
  if (dims.some((d) => !Number.isInteger(d) || d < 0)) return `shape [${dims.join(', ')}] is not fully known (it depends on the batch)`;
  const value = attrs.tensor('value');
  const fill = value ? value.data[0]! : 0;
  return [{ dims, data: new Float64Array(elementCount(dims)).fill(fill), dtype: value?.dtype ?? DataType.FLOAT }];
};

export const unsqueeze: ConstFolder = (inputs, attrs, opset) => {
  const [x] = inputs;
  const axes = axesOf(inputs, attrs, opset, 13);
  if (!x || !axes) return 'needs an input and axes';
  const rank = x.dims.length + axes.length;
  const dims = [...x.dims];
  for (const a of axes.map((a) => norm(a, rank)).sort((p, q) => p - q)) dims.splice(a, 0, 1);
  return [{ ...x, dims }];
};

export const squeeze: ConstFolder = (inputs, attrs, opset) => {
  const [x] = inputs;
  if (!x) return 'needs an input';
  const axes = axesOf(inputs, attrs, opset, 13)?.map((a) => norm(a, x.dims.length));
  const dims = x.dims.filter((d, i) => (axes ? !axes.includes(i) : d !== 1));
  return [{ ...x, dims }];
};

export const reshapeConst: ConstFolder = ([x, shape], attrs) => {
  if (!x || !shape) return 'needs an input and a shape';
  const allowZero = attrs.int('allowzero', 0) === 1;
  const dims = Array.from(shape.data).map((d, i) => (d === 0 && !allowZero ? x.dims[i]! : d));
  const known = dims.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  const resolved = dims.map((d) => (d === -1 ? x.data.length / known : d));
  if (elementCount(resolved) !== x.data.length) return `cannot reshape [${x.dims.join(', ')}] to [${dims.join(', ')}]`;
  return [{ ...x, dims: resolved }];
};

export const transposeConst: ConstFolder = ([x], attrs) => {
  if (!x) return 'needs an input';
  const rank = x.dims.length;
  const perm = attrs.ints('perm') ?? x.dims.map((_, i) => rank - 1 - i);
  const dims = perm.map((p) => x.dims[p]!);
  const inStrides = strides(x.dims);
  const out = pickElements(x.data, dims, (i, c) => c * inStrides[perm[i]!]!);
  return [{ dims, data: out, dtype: x.dtype }];
};

function strides(dims: number[]): number[] {
  const s = new Array<number>(dims.length);
  let acc = 1;
  for (let i = dims.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= dims[i]!;
  }
  return s;
}

/**
 * A tensor of `dims` whose element at coordinates (c₀, c₁, …) is `data[Σ offset(i, cᵢ)]`: the one loop
 * behind Transpose, Slice and Expand, each saying where coordinate cᵢ of output axis i reads from.
 */
function pickElements(data: ArrayLike<number>, dims: number[], offset: (axis: number, c: number) => number): Float64Array {
  const outStrides = strides(dims);
  const out = new Float64Array(elementCount(dims));
  for (let k = 0; k < out.length; k++) {
    let rem = k;
    let src = 0;
    for (let i = 0; i < dims.length; i++) {
      const c = Math.floor(rem / outStrides[i]!);
      rem -= c * outStrides[i]!;
      src += offset(i, c);
    }
    out[k] = data[src]!;
  }
  return out;
}

export const concatConst: ConstFolder = (inputs, attrs) => {
  const xs = inputs.filter((x): x is ConstTensor => x !== undefined);
  if (xs.length === 0) return 'needs inputs';
  const rank = xs[0]!.dims.length;
  const axis = norm(attrs.int('axis', 0), rank);
  const outer = elementCount(xs[0]!.dims.slice(0, axis));
  const dims = [...xs[0]!.dims];
  dims[axis] = xs.reduce((s, x) => s + x.dims[axis]!, 0);
  const out: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (const x of xs) {
      const block = elementCount(x.dims.slice(axis));
      for (let i = 0; i < block; i++) out.push(x.data[o * block + i]!);
    }
  }
  return [{ dims, data: Float64Array.from(out), dtype: xs[0]!.dtype }];
};

export const gatherConst: ConstFolder = ([x, indices], attrs) => {
  if (!x || !indices) return 'needs data and indices';
  const axis = norm(attrs.int('axis', 0), x.dims.length);
  const outer = elementCount(x.dims.slice(0, axis));
  const n = x.dims[axis]!;
  const inner = elementCount(x.dims.slice(axis + 1));
  const out: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (const raw of indices.data) {
      const i = raw < 0 ? raw + n : raw;
      if (i < 0 || i >= n) return `index ${raw} is out of range for axis ${axis} of size ${n}`;
      for (let k = 0; k < inner; k++) out.push(x.data[(o * n + i) * inner + k]!);
    }
  }
  return [{ dims: [...x.dims.slice(0, axis), ...indices.dims, ...x.dims.slice(axis + 1)], data: Float64Array.from(out), dtype: x.dtype }];
};

/**
 * Slice of a constant (opset ≥ 10: starts/ends/axes/steps as inputs; before: attributes), on any
 * axes with any non-zero step. PyTorch's F.pad / nn.ZeroPad2d reverses its pad list this way
 * (steps −1, end −2⁶³ + 1) before the Pad reads it.
 */
export const sliceConst: ConstFolder = (inputs, attrs, opset) => {
  const x = inputs[0];
  if (!x) return 'needs an input';
  const starts = opset >= 10 ? ints(inputs[1]) : attrs.ints('starts');
  const ends = opset >= 10 ? ints(inputs[2]) : attrs.ints('ends');
  if (!starts || !ends || starts.length !== ends.length) return 'needs as many starts as ends';
  const axes = (opset >= 10 ? ints(inputs[3]) : attrs.ints('axes')) ?? starts.map((_, i) => i);
  const steps = (opset >= 10 ? ints(inputs[4]) : undefined) ?? starts.map(() => 1);
  const rank = x.dims.length;
  // The kept positions of every axis (all of them where no slice applies), as ONNX clamps them.
  const picks = x.dims.map((n) => Array.from({ length: n }, (_, i) => i));
  for (let k = 0; k < starts.length; k++) {
    const axis = norm(axes[k]!, rank);
    const step = steps[k]!;
    if (axis < 0 || axis >= rank) return `axis ${axes[k]} is outside a rank-${rank} tensor`;
    if (step === 0) return 'a step of 0 is not allowed';
    const n = x.dims[axis]!;
    const at = (v: number, lo: number, hi: number) => Math.min(Math.max(v < 0 ? v + n : v, lo), hi);
    const from = step > 0 ? at(starts[k]!, 0, n) : at(starts[k]!, 0, n - 1);
    const to = step > 0 ? at(ends[k]!, 0, n) : at(ends[k]!, -1, n - 1);
    const kept: number[] = [];
    for (let i = from; step > 0 ? i < to : i > to; i += step) kept.push(i);
    picks[axis] = kept;
  }
  const dims = picks.map((p) => p.length);
  const inStrides = strides(x.dims);
  const data = pickElements(x.data, dims, (i, c) => picks[i]![c]! * inStrides[i]!);
  return [{ dims, data, dtype: x.dtype }];
};

export const castConst: ConstFolder = ([x], attrs) => {
  if (!x) return 'needs an input';
  const to = attrs.int('to', DataType.FLOAT);
  const data = to === DataType.FLOAT ? x.data.map(Math.fround)
    : to === DataType.DOUBLE || to === DataType.FLOAT16 ? x.data
    : to === DataType.BOOL ? x.data.map((v) => (v ? 1 : 0))
    : x.data.map(Math.trunc);
  return [{ dims: [...x.dims], data, dtype: to }];
};

/** Expand of a constant to a known shape (NumPy broadcasting): PyTorch's zero initial states at a fixed batch. */
export const expandConst: ConstFolder = ([x, shape]) => {
  if (!x || !shape) return 'needs an input and a shape';
  const want = ints(shape)!;
  if (want.some((d) => !Number.isInteger(d) || d < 0)) return `shape [${want.join(', ')}] is not fully known (it depends on the batch)`;
  const rank = Math.max(want.length, x.dims.length);
  const a = [...new Array<number>(rank - x.dims.length).fill(1), ...x.dims];
  const b = [...new Array<number>(rank - want.length).fill(1), ...want];
  if (a.some((d, i) => d !== b[i] && d !== 1 && b[i] !== 1)) return `[${x.dims.join(', ')}] does not broadcast to [${want.join(', ')}]`;
  const dims = a.map((d, i) => Math.max(d, b[i]!));
  const inStrides = strides(a).map((s, i) => (a[i] === 1 ? 0 : s));
  const data = pickElements(x.data, dims, (i, c) => c * inStrides[i]!);
  return [{ dims, data, dtype: x.dtype }];
};
