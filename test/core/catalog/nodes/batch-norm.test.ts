/** BatchNorm: gradients in training (batch statistics) and evaluation (running statistics), PyTorch's updates. */
import { describe, expect, it } from 'vitest';
import { BatchNormNode } from '../../../../core/catalog/nodes/batch-norm';
import { withDefaults } from '../../../../core/catalog/params';
import { checkOp } from '../../../helpers/gradcheck';
import { buildKernel } from './kernel-harness';

const dataset = { inputShape: [3], target: { kind: 'classes' as const, classes: 3 } };
const TOL = 1e-3;

describe('BatchNorm', () => {
  it.each([
    { name: 'features [C], training', input: [4], training: true, params: {} },
    { name: 'signals [C, L], training', input: [3, 5], training: true, params: {} },
    { name: 'images [C, H, W], training', input: [2, 3, 3], training: true, params: {} },
    { name: 'images, evaluation (running statistics)', input: [2, 3, 3], training: false, params: {} },
    { name: 'features, evaluation', input: [4], training: false, params: {} },
    { name: 'no affine, training', input: [3, 4], training: true, params: { affine: false } },
    { name: 'no affine, evaluation', input: [3, 4], training: false, params: { affine: false } },
  ])('$name: gradients', ({ input, training, params }) => {
    const r = checkOp({ kind: BatchNormNode, params, inputs: [input], expectShape: input, batch: 4, training, dataset });
    expect(r.maxRelError, r.worst).toBeLessThan(TOL);
    expect(r.checked).toBeGreaterThan(10);
  });

  it('normalises each channel over batch and positions, and updates running stats as PyTorch', () => {
    const h = buildKernel(BatchNormNode, { params: { momentum: 0.1 }, inputs: [[2, 2]], maxBatch: 2 });
    const [gamma, beta, mean, variance] = h.params as [Float64Array, Float64Array, Float64Array, Float64Array];
    gamma.set([1, 2]); beta.set([0, 1]); mean.set([0, 0]); variance.set([1, 1]);
    // Channel 0 sees 1, 3, 5, 7 (mean 4, biased var 5, unbiased 20/3); channel 1 sees 2, 2, 2, 2.
    h.inputs[0]!.set([1, 3, 2, 2, 5, 7, 2, 2]);
    h.kernel.forward(2, true);
    const s = 1 / Math.sqrt(5 + 1e-5);
    const want = [-3 * s, -1 * s, 1, 1, 1 * s, 3 * s, 1, 1];
    want.forEach((w, i) => expect(h.output[i]).toBeCloseTo(w, 12));
    expect(mean[0]).toBeCloseTo(0.4, 12);
    expect(variance[0]).toBeCloseTo(0.9 + 0.1 * (20 / 3), 12);
    expect(variance[1]).toBeCloseTo(0.9, 12);
    // Evaluation uses the running statistics and leaves them alone.
    h.kernel.forward(2, false);
    expect(h.output[0]).toBeCloseTo((1 - 0.4) / Math.sqrt(0.9 + 2 / 3 + 1e-5), 12);
    expect(mean[0]).toBeCloseTo(0.4, 12);
  });

  it('keeps running statistics as non-trainable state tensors', () => {
    const specs = BatchNormNode.paramTensors({ params: withDefaults(BatchNormNode, {}), inputs: [[6, 4, 4]], output: [6, 4, 4] });
    expect(specs.map((s) => [s.name, s.init, s.trainable !== false])).toEqual([
      ['gamma', 'ones', true], ['beta', 'zeros', true], ['runningMean', 'zeros', false], ['runningVar', 'ones', false],
    ]);
  });

  it('explains an input with too many axes', () => {
    const r = BatchNormNode.inferShape({ params: withDefaults(BatchNormNode, {}), inputs: [[2, 3, 4, 5]], dataset });
    expect(!r.ok && r.message).toMatch(/channel axis of \[B, C\], \[B, C, L\] or \[B, C, H, W\], got \[B, 2, 3, 4, 5\]/);
  });
});
