import { describe, expect, it } from 'vitest';
import { Attributes } from '../../core/importers/onnx/attributes';
import { expandConst, sliceConst } from '../../core/importers/onnx/fold/shape';
import { constTensor, type ConstTensor } from '../../core/importers/onnx/tensor';
import { DataType } from '../../core/onnx/proto';

/**
 * Folds the importer runs on constants that PyTorch's exports rely on: Expand (zero initial states
 * at a fixed batch) and Slice with negative steps (F.pad reversing its pad list). Expected values are
 * worked out by hand from the ONNX definitions (NumPy's broadcasting and x[start:end:step]).
 */
const ints = (v: number[]) => constTensor([v.length], v, DataType.INT64);
const none = new Attributes([]);
const only = (r: ConstTensor[] | string): ConstTensor => {
  if (typeof r === 'string') throw new Error(r);
  return r[0]!;
};

describe('constant folds for PyTorch exports', () => {
  it('Expand broadcasts a [3, 1] constant to [2, 3, 4], and a scalar to a shape', () => {
    const x = constTensor([3, 1], [1, 2, 3], DataType.FLOAT);
    const y = only(expandConst([x, ints([2, 3, 4])], none, 13));
    expect(y.dims).toEqual([2, 3, 4]);
    expect(Array.from(y.data)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
    const z = only(expandConst([constTensor([], [0], DataType.FLOAT), ints([1, 2, 7])], none, 13));
    expect(z.dims).toEqual([1, 2, 7]);
    expect(z.data.every((v) => v === 0)).toBe(true);
  });

  it('Expand refuses a shape that depends on the batch, and one that does not broadcast', () => {
    const x = constTensor([2], [1, 2], DataType.FLOAT);
    expect(expandConst([x, ints([NaN, 2])], none, 13)).toMatch(/depends on the batch/);
    expect(expandConst([x, ints([3])], none, 13)).toMatch(/does not broadcast/);
  });

  it('Slice with step −1 reverses rows, as F.pad writes it (end −2⁶³ + 1 means "past the start")', () => {
    const pads = constTensor([4, 2], [1, 1, 2, 2, 0, 0, 0, 0], DataType.INT64);
    const y = only(sliceConst([pads, ints([-1]), ints([-9223372036854775807]), ints([0]), ints([-1])], none, 13));
    expect(y.dims).toEqual([4, 2]);
    expect(Array.from(y.data)).toEqual([0, 0, 0, 0, 2, 2, 1, 1]);
  });

  it('Slice on two axes with steps 2 and −1 keeps x[0:3:2, ::-1]', () => {
    const x = constTensor([3, 3], [0, 1, 2, 3, 4, 5, 6, 7, 8], DataType.FLOAT);
    const y = only(sliceConst([x, ints([0, 2]), ints([3, -10]), ints([0, 1]), ints([2, -1])], none, 13));
    expect(y.dims).toEqual([2, 3]);
    expect(Array.from(y.data)).toEqual([2, 1, 0, 8, 7, 6]);
  });

  it('Slice refuses a step of 0', () => {
    const x = constTensor([3], [0, 1, 2], DataType.FLOAT);
    expect(sliceConst([x, ints([0]), ints([3]), ints([0]), ints([0])], none, 13)).toMatch(/step of 0/);
  });
});
