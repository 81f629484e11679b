import { DataType } from '../../../onnx/proto';
import { elementCount, type ConstTensor } from '../tensor';
import type { ConstFolder } from '../values';

/** NumPy-style broadcast of two shapes; null when they do not broadcast. */
export function broadcastDims(a: number[], b: number[]): number[] | null {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const x = a[a.length - rank + i] ?? 1;
    const y = b[b.length - rank + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return null;
    out.push(x === 1 ? y : x);
  }
  return out;
}

/** Index into `t` for the flat position `k` of a broadcast result with `dims`. */
function broadcastIndex(t: ConstTensor, dims: number[], k: number): number {
  let idx = 0;
  let stride = 1;
  let rem = k;
  for (let i = dims.length - 1; i >= 0; i--) {
    const d = dims[i]!;
    const coord = rem % d;
    rem = (rem - coord) / d;
    const j = i - (dims.length - t.dims.length);
    if (j >= 0) {
      const td = t.dims[j]!;
      if (td !== 1) idx += coord * stride;
      stride *= td;
    }
  }
  return idx;
}

const isInt = (dtype: number) => dtype !== DataType.FLOAT && dtype !== DataType.DOUBLE && dtype !== DataType.FLOAT16;

function binary(f: (x: number, y: number, intMath: boolean) => number): ConstFolder {
  return ([a, b]) => {
    if (!a || !b) return 'needs two inputs';
    const dims = broadcastDims(a.dims, b.dims);
    if (!dims) return `shapes [${a.dims.join(', ')}] and [${b.dims.join(', ')}] do not broadcast`;
    const n = elementCount(dims);
    const out = new Float64Array(n);
    const intMath = isInt(a.dtype);
    for (let k = 0; k < n; k++) out[k] = f(a.data[broadcastIndex(a, dims, k)]!, b.data[broadcastIndex(b, dims, k)]!, intMath);
    return [{ dims, data: intMath ? out : a.dtype === DataType.FLOAT ? out.map(Math.fround) : out, dtype: a.dtype }];
  };
}

export const addConst = binary((x, y) => x + y);
export const subConst = binary((x, y) => x - y);
export const mulConst = binary((x, y) => x * y);
// Integer division truncates towards zero in ONNX runtimes (C semantics).
export const divConst = binary((x, y, intMath) => (intMath ? Math.trunc(x / y) : x / y));

function unary(f: (x: number) => number): ConstFolder {
  return ([a]) => (a ? [{ dims: [...a.dims], data: a.data.map(f), dtype: a.dtype }] : 'needs an input');
}

export const negConst = unary((x) => -x);
export const sqrtConst = unary(Math.sqrt);
export const expConst = unary(Math.exp);
export const logConst = unary(Math.log);
export const absConst = unary(Math.abs);
export const tanhConst = unary(Math.tanh);
export const sigmoidConst = unary((x) => 1 / (1 + Math.exp(-x)));
export const reluConst = unary((x) => Math.max(0, x));
export const identityConst: ConstFolder = ([a]) => (a ? [a] : 'needs an input');
