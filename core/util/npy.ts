import { encodeNpy } from '../exporters/npz';

/**
 * NumPy's `.npy` (one array) and `.npz` (a zip of them) read as float64 values plus the dtype they had,
 * and written as float32 (encodeNpy). Only what `np.save` / `np.savez` write for plain numeric
 * arrays: C order, little- or big-endian floats, ints, unsigned ints and bools.
 */
export interface NpyData {
  shape: number[];
  /** NumPy's dtype string without byte order, e.g. `f4`, `i8`, `b1`. */
  dtype: string;
  data: Float64Array;
}

export class NpyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NpyError';
  }
}

export { encodeNpy };

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

export function isNpy(bytes: Uint8Array): boolean {
  return MAGIC.every((b, i) => bytes[i] === b);
}

export function decodeNpy(bytes: Uint8Array): NpyData {
  if (!isNpy(bytes)) throw new NpyError('not a .npy file (it does not start with \\x93NUMPY)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6]!;
  if (bytes.length < 10) throw new NpyError('the .npy file is truncated (no header)');
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  if (bytes.length < start + headerLength) throw new NpyError('the .npy file is truncated (incomplete header)');
  const header = new TextDecoder('latin1').decode(bytes.subarray(start, start + headerLength));
  const descr = /'descr':\s*'([<>|=])([a-z])(\d+)'/.exec(header);
  const fortran = /'fortran_order':\s*(True|False)/.exec(header);
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header);
  if (!descr || !fortran || !shapeText) throw new NpyError(`the .npy header is not one NetLoom reads: ${header.trim()}`);
  if (fortran[1] === 'True') throw new NpyError('the array is stored in Fortran order; save it with np.ascontiguousarray first');
  const shape = shapeText[1]!.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  const [, order, kind, widthText] = descr;
  const width = Number(widthText);
  const dtype = `${kind}${width}`;
  const little = order !== '>';
  const count = shape.reduce((a, b) => a * b, 1);
  const dataStart = start + headerLength;
  if (bytes.length < dataStart + count * width) {
    throw new NpyError(`the .npy file is truncated: shape (${shape.join(', ')}) of ${dtype} needs ${count * width} bytes of data, it has ${bytes.length - dataStart}`);
  }
  const read = reader(kind!, width, little, dtype);
  const data = new Float64Array(count);
  for (let i = 0; i < count; i++) data[i] = read(view, dataStart + i * width);
  return { shape, dtype, data };
}

function reader(kind: string, width: number, little: boolean, dtype: string): (v: DataView, at: number) => number {
  const key = `${kind}${width}`;
  switch (key) {
    case 'f4': return (v, at) => v.getFloat32(at, little);
    case 'f8': return (v, at) => v.getFloat64(at, little);
    case 'i1': return (v, at) => v.getInt8(at);
    case 'u1': case 'b1': return (v, at) => v.getUint8(at);
    case 'i2': return (v, at) => v.getInt16(at, little);
    case 'u2': return (v, at) => v.getUint16(at, little);
    case 'i4': return (v, at) => v.getInt32(at, little);
    case 'u4': return (v, at) => v.getUint32(at, little);
    case 'i8': return (v, at) => Number(v.getBigInt64(at, little));
    case 'u8': return (v, at) => Number(v.getBigUint64(at, little));
    default: throw new NpyError(`arrays of dtype ${dtype} are not supported (use float32, or int32/int64 for tokens)`);
  }
}

/** The arrays of a `.npz` (stored or deflated entries), by name without `.npy`. */
export async function decodeNpz(bytes: Uint8Array): Promise<Map<string, NpyData>> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Map<string, NpyData>();
  let at = 0;
  while (at + 30 <= bytes.length && view.getUint32(at, true) === 0x04034b50) {
    const flags = view.getUint16(at + 6, true);
    const method = view.getUint16(at + 8, true);
    let size = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLength));
    const dataStart = at + 30 + nameLength + extraLength;
    if (flags & 0x8 || size === 0xffffffff) size = entrySizeFromCentral(bytes, view, name) ?? size;
    if (dataStart + size > bytes.length) throw new NpyError(`the .npz file is truncated (entry "${name}")`);
    const raw = bytes.subarray(dataStart, dataStart + size);
    const data = method === 0 ? raw : method === 8 ? await inflateRaw(raw) : null;
    if (!data) throw new NpyError(`entry "${name}" uses zip compression method ${method}; save with np.savez or np.savez_compressed`);
    out.set(name.replace(/\.npy$/, ''), decodeNpy(data));
    at = dataStart + size + (flags & 0x8 ? 16 : 0);
  }
  if (out.size === 0) throw new NpyError('not a .npz file (no zip entries found)');
  return out;
}

/** Compressed size of an entry from the central directory (when the local header defers it). */
function entrySizeFromCentral(bytes: Uint8Array, view: DataView, name: string): number | undefined {
  for (let at = bytes.length - 22; at >= 0; at--) {
    if (view.getUint32(at, true) !== 0x06054b50) continue;
    let p = view.getUint32(at + 16, true);
    const entries = view.getUint16(at + 10, true);
    for (let i = 0; i < entries; i++) {
      const n = view.getUint16(p + 28, true);
      const extra = view.getUint16(p + 30, true);
      const comment = view.getUint16(p + 32, true);
      if (new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + n)) === name) return view.getUint32(p + 20, true);
      p += 46 + n + extra + comment;
    }
  }
  return undefined;
}

/** Deflate via the platform's DecompressionStream (browsers and Node ≥ 18 have it; no dependency). */
async function inflateRaw(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A `.npy` or a `.npz` holding exactly one array. */
export async function decodeArrayFile(bytes: Uint8Array, fileName: string): Promise<NpyData> {
  if (isNpy(bytes)) return decodeNpy(bytes);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const arrays = await decodeNpz(bytes);
    if (arrays.size !== 1) throw new NpyError(`${fileName} holds ${arrays.size} arrays (${[...arrays.keys()].join(', ')}); give a .npz with exactly one`);
    return [...arrays.values()][0]!;
  }
  throw new NpyError(`${fileName} is neither a .npy nor a .npz file`);
}
