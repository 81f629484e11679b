/** Concat on an axis other than the last (channels of feature maps, as DenseNet and ShuffleNet join them). */
import { describe, expect, it } from 'vitest';
import { ConcatNode } from '../../../../core/catalog/nodes/concat';
import { checkOp } from '../../../helpers/gradcheck';

const dataset = { inputShape: [3], target: { kind: 'binary' as const } };

/** NumPy's concatenate of per-sample [..] shapes on per-sample axis k (0-based), over n examples. */
function reference(aShape: number[], bShape: number[], k: number) {
  const size = (s: number[]) => s.reduce((p, q) => p * q, 1);
  const outer = size(aShape.slice(0, k));
  const [p, q] = [size(aShape.slice(k)), size(bShape.slice(k))];
  return ([a, b]: Float64Array[], _p: Float64Array[], n: number) => {
    const y: number[] = [];
    for (let s = 0; s < n; s++) {
      for (let o = 0; o < outer; o++) {
        for (let j = 0; j < p; j++) y.push(a![s * outer * p + o * p + j]!);
        for (let j = 0; j < q; j++) y.push(b![s * outer * q + o * q + j]!);
      }
    }
    return y;
  };
}

describe('Concat with an axis', () => {
  it.each([
    [1, [2, 3, 3], [4, 3, 3], [6, 3, 3]],
    [2, [2, 3, 4], [2, 1, 4], [2, 4, 4]],
    [-2, [3, 2, 5], [3, 4, 5], [3, 6, 5]],
    [-1, [2, 3], [2, 2], [2, 5]],
  ])('axis %i of a %j and b %j gives %j; each input gets its own part of the gradient', (axis, a, b, out) => {
    const k = axis < 0 ? axis + a.length : axis - 1;
    const r = checkOp({ kind: ConcatNode, params: { axis }, inputs: [a, b], expectShape: out, reference: reference(a, b, k) });
    expect(r.forwardMaxDiff).toBe(0);
    expect(r.maxRelError, r.worst).toBeLessThan(1e-3);
  });

  it('refuses the batch axis and axes the inputs do not have, and names the axis that must match', () => {
    for (const axis of [0, 4, -4]) {
      const r = ConcatNode.inferShape({ params: { axis }, inputs: [[2, 3, 3], [2, 3, 3]], dataset });
      expect(!r.ok && r.message).toMatch(new RegExp(`axis ${axis} is not one of the feature axes`));
    }
    const r = ConcatNode.inferShape({ params: { axis: 1 }, inputs: [[2, 3, 3], [2, 4, 3]], dataset });
    expect(!r.ok && r.message).toMatch(/joins on axis 1, so every other axis must match/);
  });
});
