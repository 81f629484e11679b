import { describe, expect, it } from 'vitest';
import { compileWorkload, lossAtStep } from '../../core/bench/protocol';
import { buildWorkload } from '../../core/bench/workloads';

/**
 * Correctness of the bench workloads: with the protocol's data and weights, the minibatch loss at step 100
 * must match PyTorch 1.13's (test/bench/pytorch_anchor.py prints these) to 1e-4. Not a speed test.
 */
describe('bench workloads match PyTorch at step 100', () => {
  for (const [name, ref] of [['W1', 0.793631], ['W3', 0.255148], ['W4', 1.228362]] as const) {
    it(name, () => {
      const w = buildWorkload(name);
      expect(w.referenceLoss100).toBe(ref);
      const { loss } = lossAtStep(w, compileWorkload(w));
      expect(Math.abs(loss - ref)).toBeLessThan(1e-4);
    });
  }

  it('W2 stays in the range PyTorch drifts within', () => {
    const w = buildWorkload('W2');
    const { loss } = lossAtStep(w, compileWorkload(w));
    expect(loss).toBeGreaterThan(1.25);
    expect(loss).toBeLessThan(1.34);
  });
});
