import onnxProto from 'onnx-proto';

/**
 * ONNX's own protobuf schema (onnx/onnx.proto, compiled for protobufjs by the `onnx-proto` package).
 * The exporter writes and the importer reads through it, so both agree on every field number.
 * The package is CommonJS with one export, the `onnx` namespace; a default import works in Node (tsx),
 * Vite and esbuild alike.
 */
export const onnx = onnxProto.onnx;
export type { onnx as OnnxTypes } from 'onnx-proto';

/** TensorProto.DataType values NetLoom reads or writes. */
export const DataType = {
  FLOAT: 1, UINT8: 2, INT8: 3, UINT16: 4, INT16: 5, INT32: 6, INT64: 7, BOOL: 9, FLOAT16: 10, DOUBLE: 11, UINT32: 12, UINT64: 13,
} as const;

/** AttributeProto.AttributeType values. */
export const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, GRAPH: 5, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

/** An int64 as protobufjs gives it: a number, or a Long when the `long` package is loadable (Node). */
export type Int64 = number | { low: number; high: number; unsigned?: boolean; toNumber?: () => number };

/** int64 → number (exact up to 2^53; ONNX dims and attributes stay far below, INT64_MAX means "to the end"). */
export function int64ToNumber(v: Int64 | null | undefined): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return v;
  if (typeof v.toNumber === 'function') return v.toNumber();
  const high = v.unsigned ? v.high >>> 0 : v.high;
  return high * 4294967296 + (v.low >>> 0);
}
