import { DataType, int64ToNumber, type Int64, type OnnxTypes } from '../../onnx/proto';
import { OnnxReadError } from './decode';

/**
 * A constant known at import time: an initializer, a Constant node's value, or a folded result.
 * Values are held as float64 (exact for every float32 and every integer an ONNX shape uses).
 */
export interface ConstTensor {
  dims: number[];
  data: Float64Array;
  /** TensorProto.DataType of the values (FLOAT for weights, INT64 for shapes and indices). */
  dtype: number;
}

export const elementCount = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

export function constTensor(dims: number[], values: ArrayLike<number>, dtype: number): ConstTensor {
  return { dims, data: Float64Array.from(values), dtype };
}

/** TensorProto → ConstTensor, from raw_data or the typed repeated fields. */
export function readTensor(t: OnnxTypes.ITensorProto): ConstTensor {
  const name = t.name || '(unnamed)';
  if (t.dataLocation === 1) {
    throw new OnnxReadError(`tensor "${name}" is stored in an external data file; save the model with its weights inside (onnx.save(model, path, save_as_external_data=False))`);
  }
  if (t.segment) throw new OnnxReadError(`tensor "${name}" is split into segments, which NetLoom does not read`);
  const dims = (t.dims ?? []).map((d) => int64ToNumber(d as Int64));
  const count = elementCount(dims);
  const dtype = t.dataType ?? DataType.FLOAT;
  const out = new Float64Array(count);
  const raw = t.rawData && t.rawData.length > 0 ? t.rawData : null;
  if (raw) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const width = BYTE_WIDTH[dtype];
    if (width === undefined) throw new OnnxReadError(`tensor "${name}" has data type ${dtype}, which NetLoom does not read`);
    if (raw.byteLength < count * width) throw new OnnxReadError(`tensor "${name}" holds ${raw.byteLength} bytes, its shape [${dims.join(', ')}] needs ${count * width}`);
    for (let i = 0; i < count; i++) out[i] = readRaw(view, i * width, dtype);
    return { dims, data: out, dtype };
  }
  const typed = typedValues(t, dtype);
  if (typed.length !== count) {
    throw new OnnxReadError(`tensor "${name}" holds ${typed.length} values, its shape [${dims.join(', ')}] needs ${count}`);
  }
  for (let i = 0; i < count; i++) out[i] = typed[i]!;
  return { dims, data: out, dtype };
}

const BYTE_WIDTH: Record<number, number> = {
  [DataType.FLOAT]: 4, [DataType.DOUBLE]: 8, [DataType.INT64]: 8, [DataType.UINT64]: 8, [DataType.INT32]: 4, [DataType.UINT32]: 4,
  [DataType.INT16]: 2, [DataType.UINT16]: 2, [DataType.INT8]: 1, [DataType.UINT8]: 1, [DataType.BOOL]: 1, [DataType.FLOAT16]: 2,
};

function readRaw(v: DataView, at: number, dtype: number): number {
  switch (dtype) {
    case DataType.FLOAT: return v.getFloat32(at, true);
    case DataType.DOUBLE: return v.getFloat64(at, true);
    case DataType.INT64: return Number(v.getBigInt64(at, true));
    case DataType.UINT64: return Number(v.getBigUint64(at, true));
    case DataType.INT32: return v.getInt32(at, true);
    case DataType.UINT32: return v.getUint32(at, true);
    case DataType.INT16: return v.getInt16(at, true);
    case DataType.UINT16: return v.getUint16(at, true);
    case DataType.INT8: return v.getInt8(at);
    case DataType.FLOAT16: return halfToFloat(v.getUint16(at, true));
    default: return v.getUint8(at); // UINT8, BOOL
  }
}

function typedValues(t: OnnxTypes.ITensorProto, dtype: number): number[] {
  switch (dtype) {
    case DataType.FLOAT: return t.floatData ?? [];
    case DataType.DOUBLE: return t.doubleData ?? [];
    case DataType.INT64: return (t.int64Data ?? []).map((v) => int64ToNumber(v as Int64));
    case DataType.UINT64: case DataType.UINT32: return (t.uint64Data ?? []).map((v) => int64ToNumber(v as Int64));
    // int32_data holds every narrower type too, float16 as its bit pattern.
    case DataType.FLOAT16: return (t.int32Data ?? []).map(halfToFloat);
    default: return t.int32Data ?? [];
  }
}

/** IEEE 754 half → number. */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}
