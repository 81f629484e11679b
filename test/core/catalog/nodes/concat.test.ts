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
