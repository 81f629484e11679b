import { int64ToNumber, onnx, type Int64, type OnnxTypes } from '../../onnx/proto';

/** A file that cannot be read as an ONNX model at all (not ONNX, truncated, external data…). */
export class OnnxReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OnnxReadError';
  }
}

export interface DecodedModel {
  model: OnnxTypes.ModelProto;
  graph: OnnxTypes.IGraphProto;
  /** Version of the default ("" / "ai.onnx") operator set. */
  opset: number;
}

/**
 * Bytes → ModelProto, with the checks that tell a wrong file from a broken one. protobufjs happily
 * decodes many random byte strings into an empty message, so an ONNX file is one that also has a
 * graph and an opset import.
 */
export function decodeModel(bytes: Uint8Array, fileName = 'the file'): DecodedModel {
  if (bytes.length === 0) throw new OnnxReadError(`${fileName} is empty`);
  let model: OnnxTypes.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (e) {
    const msg = (e as Error).message;
    if (/index out of range|premature end|invalid wire type|illegal|length/i.test(msg) && looksLikeOnnxStart(bytes)) {
      throw new OnnxReadError(`${fileName} is not a complete ONNX model: it looks truncated (${msg})`);
    }
    throw new OnnxReadError(`${fileName} is not an ONNX model (it does not decode as an ONNX ModelProto: ${msg})`);
  }
  if (!model.graph || (model.opsetImport ?? []).length === 0) {
    throw new OnnxReadError(`${fileName} is not an ONNX model (no graph or no operator set in it)`);
  }
  const def = model.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx');
  const opset = def ? int64ToNumber(def.version as Int64) : 1;
  return { model, graph: model.graph, opset };
}

/** An ONNX file starts with field 1 (ir_version, a varint): byte 0x08. */
function looksLikeOnnxStart(bytes: Uint8Array): boolean {
  return bytes[0] === 0x08;
}
