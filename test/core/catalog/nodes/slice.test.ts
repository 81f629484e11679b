/** Slice: keeps a range of one axis; gradients go back to the kept positions only. */
import { describe, expect, it } from 'vitest';
import { SliceNode } from '../../../../core/catalog/nodes/slice';
import { checkOp } from '../../../helpers/gradcheck';

const dataset = { inputShape: [3], target: { kind: 'binary' as const } };

/** NumPy's x[:, ..., start:end] on per-sample axis k (0-based) of `shape`, over n examples. */
function reference(shape: number[], k: number, start: number, end: number) {
  const size = (s: number[]) => s.reduce((p, q) => p * q, 1);
  const outer = size(shape.slice(0, k));
  const inner = size(shape.slice(k + 1));
  return ([x]: Float64Array[], _p: Float64Array[], n: number) => {
    const y: number[] = [];
    for (let s = 0; s < n; s++) {
      for (let o = 0; o < outer; o++) {
        for (let i = start; i < end; i++) for (let j = 0; j < inner; j++) y.push(x![s * size(shape) + (o * shape[k]! + i) * inner + j]!);
      }
    }
    return y;
  };
}

describe('Slice', () => {
  it.each([
    [[6, 3, 3], 1, 0, 3, [3, 3, 3]],
    [[6, 3, 3], 1, 3, 6, [3, 3, 3]],
    [[4, 5], -1, 1, 4, [4, 3]],
    [[2, 5, 3], 2, 2, 3, [2, 1, 3]],
    [[7], 1, 2, 7, [5]],
  ])('input %j, axis %i, positions %i to %i: %j; the cut positions get no gradient', (shape, axis, start, end, out) => {
    const k = axis < 0 ? axis + shape.length : axis - 1;
    const r = checkOp({ kind: SliceNode, params: { axis, start, end }, inputs: [shape], expectShape: out, reference: reference(shape, k, start, end) });
    expect(r.forwardMaxDiff).toBe(0);
    expect(r.maxRelError, r.worst).toBeLessThan(1e-3);
  });

  it('refuses the batch axis, a missing axis and an empty or too long range, naming them', () => {
    const shape = (params: Record<string, number>) => SliceNode.inferShape({ params: { axis: -1, start: 0, end: 1, ...params }, inputs: [[4, 6]], dataset });
    expect(shape({ axis: 0 })).toMatchObject({ ok: false, message: expect.stringMatching(/axis 0 is not one of the feature axes of \[B, 4, 6\]/) });
    expect(shape({ axis: 3 })).toMatchObject({ ok: false, message: expect.stringMatching(/axis 3 is not one/) });
    expect(shape({ start: 2, end: 2 })).toMatchObject({ ok: false, message: expect.stringMatching(/start must be below end/) });
    expect(shape({ end: 7 })).toMatchObject({ ok: false, message: expect.stringMatching(/axis 2, which has 6/) });
  });
});
