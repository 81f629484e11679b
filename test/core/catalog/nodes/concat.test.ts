import { describe, expect, it } from 'vitest';
import { ConcatNode } from '../../../../core/catalog/nodes/concat';
import { checkOp } from '../../../helpers/gradcheck';

const dataset = { inputShape: [3], target: { kind: 'binary' as const } };

/** out[r] = [a[r], b[r]] for every row r, rows being all axes but the last, batch included. */
function concatReference(rows: number, p: number, q: number) {
  return ([a, b]: Float64Array[], _p: Float64Array[], n: number) => {
    const y: number[] = [];
    for (let r = 0; r < n * rows; r++) {
      for (let j = 0; j < p; j++) y.push(a![r * p + j]!);
      for (let j = 0; j < q; j++) y.push(b![r * q + j]!);
    }
    return y;
  };
}

describe('Concat', () => {
  it('joins flat vectors', () => {
    const r = checkOp({ kind: ConcatNode, inputs: [[2], [3]], expectShape: [5], reference: concatReference(1, 2, 3) });
    expect(r.outputShape).toEqual([5]);
    expect(r.forwardMaxDiff).toBe(0);
    expect(r.maxRelError, r.worst).toBeLessThan(1e-3);
  });

  it('joins sequences on the feature axis, position by position', () => {
    const r = checkOp({ kind: ConcatNode, inputs: [[4, 1], [4, 3]], reference: concatReference(4, 1, 3) });
    expect(r.outputShape).toEqual([4, 4]);
    expect(r.forwardMaxDiff).toBe(0);
    expect(r.maxRelError, r.worst).toBeLessThan(1e-3);
  });

  it('joins the channels of images (axis 1), as Inception and SqueezeNet branches meet', () => {
    // Per sample, a's whole [2, 3, 2] block then b's [1, 3, 2]: a "row" is the sample itself.
    const r = checkOp({ kind: ConcatNode, params: { axis: 1 }, inputs: [[2, 3, 2], [1, 3, 2]], expectShape: [3, 3, 2], reference: concatReference(1, 12, 6) });
    expect(r.forwardMaxDiff).toBe(0);
    expect(r.maxRelError, r.worst).toBeLessThan(1e-3);
  });

  it('joins a middle axis: [4, 2, 3] and [4, 1, 3] on axis 2', () => {
    const r = checkOp({ kind: ConcatNode, params: { axis: 2 }, inputs: [[4, 2, 3], [4, 1, 3]], expectShape: [4, 3, 3], reference: concatReference(4, 6, 3) });
    expect(r.forwardMaxDiff).toBe(0);
    expect(r.maxRelError, r.worst).toBeLessThan(1e-3);
  });

  it('explains an axis that is the batch, past the shape, or a mismatch off the axis', () => {
    const shape = (axis: number, inputs: number[][]) => ConcatNode.inferShape({ params: { axis }, inputs, dataset });
    expect(shape(0, [[2, 3], [2, 3]])).toMatchObject({ ok: false, message: expect.stringMatching(/axis 0 is not one of the feature axes of a \[B, 2, 3\] \(1 to 2, or -1 for the last; 0 is the batch\)/) });
    expect(shape(3, [[2, 3], [2, 3]])).toMatchObject({ ok: false, message: expect.stringMatching(/axis 3 is not one of the feature axes of a \[B, 2, 3\]/) });
    expect(shape(1, [[2, 3, 3], [2, 4, 3]])).toMatchObject({ ok: false, message: expect.stringMatching(/joins on axis 1, so every other axis must match/) });
  });

  it('has named ports a and b', () => {
    expect(ConcatNode.inputs.map((p) => p.name)).toEqual(['a', 'b']);
  });

  it('refuses mismatched leading axes or ranks, naming both shapes', () => {
    for (const inputs of [[[4, 2], [5, 2]], [[4, 2], [2]]]) {
      const r = ConcatNode.inferShape({ params: {}, inputs, dataset });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.message).toContain(`a [B, ${inputs[0]!.join(', ')}] and b [B, ${inputs[1]!.join(', ')}]`);
    }
  });
});
