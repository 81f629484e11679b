/** Add and Multiply broadcast over size-1 axes of one rank (a squeeze-excite gate over a feature map). */
import { describe, expect, it } from 'vitest';
import { AddNode } from '../../../../core/catalog/nodes/add';
import { broadcastPair } from '../../../../core/catalog/nodes/elementwise-pair';
import { MultiplyNode } from '../../../../core/catalog/nodes/multiply';
import { checkOp } from '../../../helpers/gradcheck';

const dataset = { inputShape: [3], target: { kind: 'binary' as const } };

/** NumPy-style reference for per-sample shapes a and b of one rank, over n examples. */
function reference(op: (x: number, y: number) => number, aShape: number[], bShape: number[]) {
  const out = broadcastPair(aShape, bShape)!;
  const size = out.reduce((p, q) => p * q, 1);
  const at = (shape: number[], coords: number[]) => coords.reduce((idx, c, i) => idx * shape[i]! + (shape[i] === 1 ? 0 : c), 0);
  return ([a, b]: Float64Array[], _p: Float64Array[], n: number) => {
    const y = new Float64Array(n * size);
    const aSize = aShape.reduce((p, q) => p * q, 1);
    const bSize = bShape.reduce((p, q) => p * q, 1);
    for (let s = 0; s < n; s++) {
      for (let k = 0; k < size; k++) {
        const coords: number[] = [];
        let rem = k;
        for (let i = out.length - 1; i >= 0; i--) {
          coords.unshift(rem % out[i]!);
          rem = Math.floor(rem / out[i]!);
        }
        y[s * size + k] = op(a![s * aSize + at(aShape, coords)]!, b![s * bSize + at(bShape, coords)]!);
      }
    }
    return y;
  };
}

describe.each([
  ['Multiply', MultiplyNode, (x: number, y: number) => x * y],
  ['Add', AddNode, (x: number, y: number) => x + y],
] as const)('%s with broadcasting', (_name, kind, op) => {
  it.each([
    [[3, 1, 1], [3, 4, 5]],
    [[3, 4, 5], [1, 4, 1]],
    [[2, 1], [1, 3]],
  ])('a %j with b %j: forward as NumPy, gradients summed over the repeats', (a, b) => {
    const r = checkOp({ kind, inputs: [a, b], expectShape: broadcastPair(a, b)!, reference: reference(op, a, b) });
    expect(r.forwardMaxDiff).toBeLessThan(1e-12);
    expect(r.maxRelError, r.worst).toBeLessThan(1e-3);
  });

  it('refuses shapes of different rank, two sizes > 1 that differ, and flat vectors that differ, naming both', () => {
    for (const [a, b] of [[[3, 1, 1], [3, 4]], [[3, 2], [3, 4]], [[1], [4]]]) {
      const r = kind.inferShape({ params: {}, inputs: [a!, b!], dataset });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.message).toMatch(/needs inputs of equal shape, got a \[B, .*\] and b \[B, .*\]/);
    }
  });
});
