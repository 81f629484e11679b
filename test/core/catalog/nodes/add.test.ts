import { describe, expect, it } from 'vitest';
import { AddNode } from '../../../../core/catalog/nodes/add';
import { checkOp } from '../../../helpers/gradcheck';

const dataset = { inputShape: [3], target: { kind: 'binary' as const } };

describe('Add', () => {
  it('adds two tensors elementwise; both inputs get the gradient', () => {
    const r = checkOp({
      kind: AddNode,
      inputs: [[2, 3], [2, 3]],
      expectShape: [2, 3],
      reference: ([a, b], _p, n) => Float64Array.from({ length: n * 6 }, (_, i) => a![i]! + b![i]!),
    });
    expect(r.outputShape).toEqual([2, 3]);
    expect(r.forwardMaxDiff).toBe(0);
    expect(r.maxRelError, r.worst).toBeLessThan(1e-3);
  });

  it('has named ports a and b', () => {
    expect(AddNode.inputs.map((p) => p.name)).toEqual(['a', 'b']);
  });

  it('refuses [3] + [4], naming both shapes', () => {
    const r = AddNode.inferShape({ params: {}, inputs: [[3], [4]], dataset });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/\[B, 3\].*\[B, 4\]/);
  });

  it('refuses equal sizes with different shapes', () => {
    const r = AddNode.inferShape({ params: {}, inputs: [[2, 3], [6]], dataset });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/\[B, 2, 3\].*\[B, 6\]/);
  });
});
