/** Reshape, Permute and Multiply: shapes, gradients and the messages for what does not fit. */
import { describe, expect, it } from 'vitest';
import { MultiplyNode } from '../../../../core/catalog/nodes/multiply';
import { PermuteNode } from '../../../../core/catalog/nodes/permute';
import { ReshapeNode } from '../../../../core/catalog/nodes/reshape';
import { checkParam, withDefaults } from '../../../../core/catalog/params';
import { checkOp } from '../../../helpers/gradcheck';
import { buildKernel } from './kernel-harness';

const dataset = { inputShape: [784], target: { kind: 'classes' as const, classes: 10 } };
const TOL = 1e-3;

describe('Reshape', () => {
  it('works out the -1 and passes gradients straight back', () => {
    const r = checkOp({ kind: ReshapeNode, params: { shape: [2, -1, 2] }, inputs: [[12]], expectShape: [2, 3, 2] });
    expect(r.maxRelError, r.worst).toBeLessThan(TOL);
  });

  it('keeps the values in row-major order', () => {
    const h = buildKernel(ReshapeNode, { params: { shape: [2, 3] }, inputs: [[3, 2]], maxBatch: 1 });
    h.kernel.forward(1, true);
    expect(Array.from(h.output)).toEqual(Array.from(h.inputs[0]!));
  });

  it('says when the sizes do not multiply to the input size', () => {
    const r = ReshapeNode.inferShape({ params: { shape: [1, 28, 27] }, inputs: [[784]], dataset });
    expect(!r.ok && r.message).toMatch(/cannot hold \[B, 784\] \(784 values per sample\) as \[B, 1, 28, 27\] \(756 values\)/);
    const r2 = ReshapeNode.inferShape({ params: { shape: [5, -1] }, inputs: [[784]], dataset });
    expect(!r2.ok && r2.message).toMatch(/784 is not a multiple of 5/);
  });

  it('checks the list param: one -1 at most, integers only', () => {
    const spec = ReshapeNode.params.shape!;
    expect(checkParam(spec, [1, 28, 28])).toBeNull();
    expect(checkParam(spec, [-1, -1])).toMatch(/at most one -1/);
    expect(checkParam(spec, [0, 4])).toMatch(/integers ≥ 1 \(or one -1\), got 0/);
    expect(checkParam(spec, '1,28,28')).toMatch(/must be a list of 1 to 6 integers/);
  });
});

describe('Permute', () => {
  it('[2, 1] swaps the two axes; gradients scatter back', () => {
    const r = checkOp({ kind: PermuteNode, params: { axes: [2, 1] }, inputs: [[3, 4]], expectShape: [4, 3] });
    expect(r.maxRelError, r.worst).toBeLessThan(TOL);
  });

  it('[3, 1, 2] on [C, H, W] gives [W, C, H] with values where they belong', () => {
    const r = checkOp({
      kind: PermuteNode, params: { axes: [3, 1, 2] }, inputs: [[2, 3, 4]], expectShape: [4, 2, 3], batch: 2,
      reference: ([x], _p, n) => {
        const out: number[] = [];
        for (let s = 0; s < n; s++) for (let w = 0; w < 4; w++) for (let c = 0; c < 2; c++) for (let h = 0; h < 3; h++) out.push(x![s * 24 + c * 12 + h * 4 + w]!);
        return out;
      },
    });
    expect(r.forwardMaxDiff).toBe(0);
    expect(r.maxRelError, r.worst).toBeLessThan(TOL);
  });

  it('explains axes that are not a reordering', () => {
    const r = PermuteNode.inferShape({ params: withDefaults(PermuteNode, { axes: [1, 1] }), inputs: [[3, 4]], dataset });
    expect(!r.ok && r.message).toMatch(/must list each of the input's axes 1, 2 exactly once/);
    const r0 = PermuteNode.inferShape({ params: withDefaults(PermuteNode, { axes: [2, 1] }), inputs: [[3, 4, 5]], dataset });
    expect(!r0.ok && r0.message).toMatch(/axes \[2, 1\].*1, 2, 3/);
  });
});

describe('Multiply', () => {
  it('multiplies elementwise; each input gets dy times the other', () => {
    const r = checkOp({
      kind: MultiplyNode, inputs: [[2, 3], [2, 3]], expectShape: [2, 3],
      reference: ([a, b], _p, n) => Float64Array.from({ length: n * 6 }, (_, i) => a![i]! * b![i]!),
    });
    expect(r.forwardMaxDiff).toBe(0);
    expect(r.maxRelError, r.worst).toBeLessThan(TOL);
  });

  it('refuses different shapes, naming both', () => {
    const r = MultiplyNode.inferShape({ params: {}, inputs: [[4], [3]], dataset });
    expect(!r.ok && r.message).toMatch(/a \[B, 4\] and b \[B, 3\]/);
  });
});
