/** Local response normalisation: shapes, gradients on [C], [C, L] and [C, H, W], the window at the edges. */
import { describe, expect, it } from 'vitest';
import { LrnNode, lrnWindow } from '../../../../core/catalog/nodes/lrn';
import { withDefaults } from '../../../../core/catalog/params';
import { checkOp } from '../../../helpers/gradcheck';
import { buildKernel } from './kernel-harness';

const TOL = 1e-4;

describe('LRN', () => {
  it.each([
    { name: '[C, H, W] size 5 (AlexNet)', params: { size: 5, alpha: 0.1, beta: 0.75, bias: 2 }, input: [7, 3, 2] },
    { name: '[C, L] size 3', params: { size: 3, alpha: 0.5, beta: 0.6, bias: 1 }, input: [4, 5] },
    { name: '[C] size wider than C', params: { size: 5, alpha: 0.9, beta: 1.2, bias: 0.5 }, input: [4] },
    { name: 'even size 4 (one more channel after)', params: { size: 4, alpha: 0.7, beta: 0.9, bias: 1 }, input: [6, 2] },
    { name: 'size 1', params: { size: 1, alpha: 0.3, beta: 0.5, bias: 1 }, input: [3, 2, 2] },
  ])('$name: shape and gradients', ({ params, input }) => {
    const r = checkOp({ kind: LrnNode, params, inputs: [input], expectShape: input, batch: 3 });
    expect(r.maxRelError, r.worst).toBeLessThan(TOL);
    expect(r.checked).toBeGreaterThanOrEqual(12);
  });

  it('divides each value by its neighbours\' strength; channels past the ends count as zeros', () => {
    const h = buildKernel(LrnNode, { params: { size: 3, alpha: 3, beta: 1, bias: 1 }, inputs: [[3]], maxBatch: 1 });
    h.inputs[0]!.set([1, 2, 3]);
    h.kernel.forward(1, true);
    // alpha / size = 1: divisors 1 + (1 + 4), 1 + (1 + 4 + 9), 1 + (4 + 9).
    const want = [1 / 6, 2 / 15, 3 / 14];
    Array.from(h.output).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 6));
  });

  it('puts the extra channel of an even window after, as ONNX', () => {
    expect(lrnWindow(4)).toEqual({ before: 1, after: 2 });
    expect(lrnWindow(5)).toEqual({ before: 2, after: 2 });
  });

  it('explains an input that is not channels first', () => {
    const r = LrnNode.inferShape({ params: withDefaults(LrnNode, {}), inputs: [[2, 3, 4, 5]], dataset: { inputShape: [2], target: { kind: 'binary' } } });
    expect(!r.ok && r.message).toMatch(/needs channels first, \[B, C\], \[B, C, L\] or \[B, C, H, W\], got \[B, 2, 3, 4, 5\]/);
  });
});
