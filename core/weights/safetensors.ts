/**
 * The safetensors container (https://huggingface.co/docs/safetensors), float32 only:
 *   8 bytes   little-endian u64 N = length of the JSON header
 *   N bytes   JSON: { "<name>": { "dtype": "F32", "shape": [...], "data_offsets": [begin, end] }, ...,
 *                     "__metadata__": { "<key>": "<string>" } }
 *   rest      the tensors' raw little-endian float32 bytes; offsets are relative to the end of the header
 * Chosen because PyTorch, NumPy and a 15-line reader all understand it, and it cannot hold code.
 */

export interface NamedTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

export interface SafetensorsFile {
  tensors: NamedTensor[];
  metadata: Record<string, string>;
}

export class SafetensorsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SafetensorsError';
  }
}

const METADATA_KEY = '__metadata__';

export function encodeSafetensors(tensors: readonly NamedTensor[], metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header[METADATA_KEY] = metadata;
  let offset = 0;
  for (const t of tensors) {
    const elements = t.shape.reduce((a, b) => a * b, 1);
    if (elements !== t.data.length) {
      throw new SafetensorsError(`tensor "${t.name}": shape [${t.shape.join(', ')}] holds ${elements} values, got ${t.data.length}`);
    }
    header[t.name] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + 4 * t.data.length] };
    offset += 4 * t.data.length;
  }
  let json = JSON.stringify(header);
  // Pad with spaces so the data starts 8-byte aligned (the reference implementation does the same).
  while ((8 + json.length) % 8 !== 0) json += ' ';
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const t of tensors) {
    for (let i = 0; i < t.data.length; i++, at += 4) view.setFloat32(at, t.data[i]!, true);
  }
  return out;
}

export function decodeSafetensors(bytes: Uint8Array): SafetensorsFile {
  if (bytes.length < 8) throw new SafetensorsError(`not a safetensors file: ${bytes.length} bytes, too short for the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  if (headerLength > bytes.length - 8) {
    throw new SafetensorsError(`not a safetensors file: header length ${headerLength} exceeds the file size ${bytes.length}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  } catch (e) {
    throw new SafetensorsError(`not a safetensors file: the header is not JSON (${(e as Error).message})`);
  }
  if (!isPlainObject(parsed)) throw new SafetensorsError('not a safetensors file: the header must be a JSON object of tensors');
  const header = parsed;
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  const tensors: NamedTensor[] = [];
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === METADATA_KEY) {
      if (!isPlainObject(entry) || !Object.values(entry).every((v) => typeof v === 'string')) {
        throw new SafetensorsError(`${METADATA_KEY} must be an object of text values`);
      }
      metadata = entry as Record<string, string>;
      continue;
    }
    if (!isPlainObject(entry)) throw new SafetensorsError(`tensor "${name}": must be an object with dtype, shape and data_offsets`);
    const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (e.dtype !== 'F32') throw new SafetensorsError(`tensor "${name}": dtype ${JSON.stringify(e.dtype)} is not supported (only F32)`);
    if (!Array.isArray(e.shape) || !e.shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new SafetensorsError(`tensor "${name}": shape must be a list of non-negative integers`);
    }
    const [begin, end] = Array.isArray(e.data_offsets) && e.data_offsets.length === 2 ? (e.data_offsets as unknown[]) : [];
    const elements = (e.shape as number[]).reduce((a, b) => a * b, 1);
    if (
      typeof begin !== 'number' || typeof end !== 'number' || !Number.isInteger(begin) || !Number.isInteger(end) ||
      end - begin !== 4 * elements || begin < 0 || end > dataLength
    ) {
      throw new SafetensorsError(`tensor "${name}": data_offsets ${JSON.stringify(e.data_offsets)} do not match shape [${(e.shape as number[]).join(', ')}] within ${dataLength} data bytes`);
    }
    const data = new Float32Array(elements);
    for (let i = 0; i < elements; i++) data[i] = view.getFloat32(dataStart + begin + 4 * i, true);
    tensors.push({ name, shape: e.shape as number[], data });
  }
  return { tensors, metadata };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
