import { AttributeType, DataType, onnx, type OnnxTypes } from '../../onnx/proto';

/**
 * The ONNX model the exporter builds, as plain data, and its encoding with ONNX's protobuf schema
 * (core/onnx/proto.ts, shared with the importer).
 */

export const ONNX_OPSET = 17;
/** IR version 8 is what opset 17 ships with (onnx 1.12 / 1.13). */
export const ONNX_IR_VERSION = 8;

export const TensorType = { FLOAT: DataType.FLOAT, INT64: DataType.INT64 } as const;

export type AttributeValue =
  | { kind: 'float'; value: number }
  | { kind: 'int'; value: number }
  | { kind: 'ints'; value: number[] }
  | { kind: 'floats'; value: number[] }
  | { kind: 'string'; value: string };

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

function attribute(name: string, a: AttributeValue): OnnxTypes.IAttributeProto {
  switch (a.kind) {
    case 'float': return { name, type: AttributeType.FLOAT, f: a.value };
    case 'int': return { name, type: AttributeType.INT, i: a.value };
    case 'floats': return { name, type: AttributeType.FLOATS, floats: a.value };
    case 'ints': return { name, type: AttributeType.INTS, ints: a.value };
    case 'string': return { name, type: AttributeType.STRING, s: new TextEncoder().encode(a.value) };
  }
}

/** Tensor data goes in raw_data as little-endian bytes, the compact form every runtime reads. */
function tensor(t: OnnxTensor): OnnxTypes.ITensorProto {
  let raw: Uint8Array;
  if (t.type === TensorType.FLOAT) {
    const data = t.floats ?? [];
    raw = new Uint8Array(4 * data.length);
    const view = new DataView(raw.buffer);
    for (let i = 0; i < data.length; i++) view.setFloat32(4 * i, data[i]!, true);
  } else {
    const data = t.ints ?? [];
    raw = new Uint8Array(8 * data.length);
    const view = new DataView(raw.buffer);
    for (let i = 0; i < data.length; i++) view.setBigInt64(8 * i, BigInt(data[i]!), true);
  }
  return { name: t.name, dims: t.dims, dataType: t.type, rawData: raw };
}

function valueInfo(v: OnnxValueInfo): OnnxTypes.IValueInfoProto {
  const dim = v.dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name: v.name, type: { tensorType: { elemType: DataType.FLOAT, shape: { dim } } } };
}

export function encodeModel(graph: OnnxGraphProto, producerVersion: string): Uint8Array {
  const model: OnnxTypes.IModelProto = {
    irVersion: ONNX_IR_VERSION,
    producerName: 'netloom',
    producerVersion,
    graph: {
      name: graph.name,
      node: graph.nodes.map((n) => ({
        input: n.inputs, output: n.outputs, name: n.name, opType: n.opType,
        attribute: Object.entries(n.attributes).map(([name, a]) => attribute(name, a)),
        ...(n.docString ? { docString: n.docString } : {}),
      })),
      initializer: graph.initializers.map(tensor),
      ...(graph.docString ? { docString: graph.docString } : {}),
      input: graph.inputs.map(valueInfo),
      output: graph.outputs.map(valueInfo),
    },
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
  };
  return onnx.ModelProto.encode(model).finish();
}
