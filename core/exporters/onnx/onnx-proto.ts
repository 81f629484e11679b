import { ProtoWriter } from './protobuf';

/**
 * ONNX messages as plain data, and their encoding. Field numbers are those of onnx/onnx.proto
 * (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto, TypeProto).
 */

export const ONNX_OPSET = 17;
/** IR version 8 is what opset 17 ships with (onnx 1.12 / 1.13). */
export const ONNX_IR_VERSION = 8;

export const TensorType = { FLOAT: 1, INT64: 7 } as const;

export type AttributeValue =
  | { kind: 'float'; value: number }
  | { kind: 'int'; value: number }
  | { kind: 'ints'; value: number[] }
  | { kind: 'floats'; value: number[] };

export interface OnnxNode {
  opType: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attributes: Record<string, AttributeValue>;
  docString?: string;
}

export interface OnnxTensor {
  name: string;
  dims: number[];
  type: (typeof TensorType)[keyof typeof TensorType];
  floats?: ArrayLike<number>;
  ints?: number[];
}

/** A dimension is a fixed size or a symbolic name (the batch). */
export interface OnnxValueInfo {
  name: string;
  dims: (number | string)[];
}

export interface OnnxGraphProto {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  docString?: string;
}

const ATTRIBUTE_TYPE = { float: 1, int: 2, floats: 6, ints: 7 } as const;

function writeAttribute(w: ProtoWriter, name: string, a: AttributeValue): void {
  w.string(1, name);
  w.varint(20, ATTRIBUTE_TYPE[a.kind]);
  if (a.kind === 'float') w.float(2, a.value);
  else if (a.kind === 'int') w.varint(3, a.value);
  else if (a.kind === 'floats') for (const f of a.value) w.float(7, f);
  else w.packedVarints(8, a.value);
}

function writeNode(w: ProtoWriter, n: OnnxNode): void {
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, n.name);
  w.string(4, n.opType);
  for (const [name, a] of Object.entries(n.attributes)) w.message(5, (m) => writeAttribute(m, name, a));
  if (n.docString) w.string(6, n.docString);
}

function writeTensor(w: ProtoWriter, t: OnnxTensor): void {
  w.packedVarints(1, t.dims);
  w.varint(2, t.type);
  w.string(8, t.name);
  // raw_data: little-endian bytes, the compact form every runtime reads.
  if (t.type === TensorType.FLOAT) {
    const data = t.floats ?? [];
    const b = new Uint8Array(4 * data.length);
    const view = new DataView(b.buffer);
    for (let i = 0; i < data.length; i++) view.setFloat32(4 * i, data[i]!, true);
    w.bytes(9, b);
  } else {
    const data = t.ints ?? [];
    const b = new Uint8Array(8 * data.length);
    const view = new DataView(b.buffer);
    for (let i = 0; i < data.length; i++) view.setBigInt64(8 * i, BigInt(data[i]!), true);
    w.bytes(9, b);
  }
}

function writeValueInfo(w: ProtoWriter, v: OnnxValueInfo): void {
  w.string(1, v.name);
  w.message(2, (type) => type.message(1, (tensor) => {
    tensor.varint(1, TensorType.FLOAT);
    tensor.message(2, (shape) => {
      for (const d of v.dims) shape.message(1, (dim) => (typeof d === 'number' ? dim.varint(1, d) : dim.string(2, d)));
    });
  }));
}

export function encodeModel(graph: OnnxGraphProto, producerVersion: string): Uint8Array {
  const w = new ProtoWriter();
  w.varint(1, ONNX_IR_VERSION);
  w.string(2, 'netloom');
  w.string(3, producerVersion);
  w.message(7, (g) => {
    for (const n of graph.nodes) g.message(1, (m) => writeNode(m, n));
    g.string(2, graph.name);
    for (const t of graph.initializers) g.message(5, (m) => writeTensor(m, t));
    if (graph.docString) g.string(10, graph.docString);
    for (const i of graph.inputs) g.message(11, (m) => writeValueInfo(m, i));
    for (const o of graph.outputs) g.message(12, (m) => writeValueInfo(m, o));
  });
  w.message(8, (o) => {
    o.string(1, '');
    o.varint(2, ONNX_OPSET);
  });
  return w.finish();
}
