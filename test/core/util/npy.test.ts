import { describe, expect, it } from 'vitest';
import { encodeNpz } from '../../../core/exporters/npz';
import { decodeArrayFile, decodeNpy, encodeNpy, NpyError } from '../../../core/util/npy';

/** A .npy with this header text and raw data bytes, laid out as NumPy writes it (v1.0, 64-byte aligned). */
function npy(header: string, data: Uint8Array): Uint8Array {
  const padded = header + ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + padded.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, padded.length, true);
  for (let i = 0; i < padded.length; i++) out[10 + i] = padded.charCodeAt(i);
  out.set(data, 10 + padded.length);
  return out;
}

describe('.npy / .npz reading', () => {
  it('reads back what encodeNpy writes', () => {
    const a = decodeNpy(encodeNpy([2, 3], Float32Array.from([1, 2, 3, 4, 5, -6.5])));
    expect(a).toEqual({ shape: [2, 3], dtype: 'f4', data: Float64Array.from([1, 2, 3, 4, 5, -6.5]) });
  });

  it('reads big-endian float64, int64 token ids and bools, and 1-D and 0-D shapes', () => {
    const f8 = new Uint8Array(16);
    new DataView(f8.buffer).setFloat64(0, 1.25, false);
    new DataView(f8.buffer).setFloat64(8, -3, false);
    expect(decodeNpy(npy("{'descr': '>f8', 'fortran_order': False, 'shape': (2,), }", f8)).data).toEqual(Float64Array.from([1.25, -3]));
    const i8 = new Uint8Array(16);
    new DataView(i8.buffer).setBigInt64(0, 7n, true);
    new DataView(i8.buffer).setBigInt64(8, -2n, true);
    expect(decodeNpy(npy("{'descr': '<i8', 'fortran_order': False, 'shape': (1, 2), }", i8))).toMatchObject({ shape: [1, 2], dtype: 'i8', data: Float64Array.from([7, -2]) });
    expect(decodeNpy(npy("{'descr': '|b1', 'fortran_order': False, 'shape': (), }", Uint8Array.from([1])))).toMatchObject({ shape: [], data: Float64Array.from([1]) });
  });

  it('says what is wrong with Fortran order, a truncated file and an unknown dtype', () => {
    expect(() => decodeNpy(npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", new Uint8Array(16)))).toThrow('Fortran order');
    expect(() => decodeNpy(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4, 4), }", new Uint8Array(8)))).toThrow('the .npy file is truncated: shape (4, 4) of f4 needs 64 bytes of data, it has 8');
    expect(() => decodeNpy(npy("{'descr': '<U3', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(12)))).toThrow(NpyError);
  });

  it('takes a .npz with one array and refuses one with several', async () => {
    const one = encodeNpz([{ name: 'x', shape: [1, 2], data: Float32Array.from([3, 4]) }]);
    expect((await decodeArrayFile(one, 'x.npz')).data).toEqual(Float64Array.from([3, 4]));
    const two = encodeNpz([{ name: 'x', shape: [1], data: Float32Array.from([1]) }, { name: 'y', shape: [1], data: Float32Array.from([2]) }]);
    await expect(decodeArrayFile(two, 'xy.npz')).rejects.toThrow('xy.npz holds 2 arrays (x, y); give a .npz with exactly one');
    await expect(decodeArrayFile(new TextEncoder().encode('1,2,3'), 'x.csv')).rejects.toThrow('x.csv is neither a .npy nor a .npz file');
  });
});
