import { describe, expect, it } from 'vitest';
import { DropoutNode } from '../../../../core/catalog/nodes/dropout';
import { mulberry32 } from '../../../../core/util/rng';
import { checkOp } from '../../../helpers/gradcheck';
import { buildKernel } from './kernel-harness';

const TOL = 1e-3;

describe('Dropout', () => {
  it('in training, masks with a fixed stream and passes gradients through the kept values only', () => {
    const rate = 0.4;
    const r = checkOp({
      kind: DropoutNode,
      params: { rate },
      inputs: [[4, 5]],
      expectShape: [4, 5],
      training: true,
      seed: 3,
      // checkOp hands the kernel a stream seeded with seed + 1, restarted before every forward. This
      // reference replays it: one draw per element in storage order, kept when the draw is < 1 − rate.
      reference: ([x], _p, n) => {
        const rng = mulberry32(4);
        const y = new Float64Array(n * 20);
        for (let i = 0; i < y.length; i++) y[i] = rng.next() < 1 - rate ? x![i]! / (1 - rate) : 0;
        return y;
      },
    });
    expect(r.outputShape).toEqual([4, 5]);
    expect(r.forwardMaxDiff).toBeLessThan(1e-12);
    expect(r.maxRelError, r.worst).toBeLessThan(TOL);
  });

  it('is the identity in eval mode, for the output and the gradient', () => {
    const r = checkOp({
      kind: DropoutNode,
      params: { rate: 0.7 },
      inputs: [[6]],
      training: false,
      reference: ([x]) => x!,
    });
    expect(r.forwardMaxDiff).toBe(0);
    expect(r.maxRelError, r.worst).toBeLessThan(TOL);
  });

  it('with rate 0 keeps everything even while training', () => {
    const r = checkOp({ kind: DropoutNode, params: { rate: 0 }, inputs: [[6]], training: true, reference: ([x]) => x! });
    expect(r.forwardMaxDiff).toBe(0);
    expect(r.maxRelError, r.worst).toBeLessThan(TOL);
  });

  it('keeps about 1 − rate of a large tensor and scales the kept values by 1 / (1 − rate)', () => {
    const rate = 0.3;
    const size = 50_000;
    const h = buildKernel(DropoutNode, { params: { rate }, inputs: [[size]], maxBatch: 2, inputRange: [0.5, 2] });
    h.kernel.forward(2, true);
    let kept = 0;
    let wronglyScaled = 0;
    let sumIn = 0;
    let sumOut = 0;
    for (let i = 0; i < 2 * size; i++) {
      const x = h.inputs[0]![i]!;
      const y = h.output[i]!;
      sumIn += x;
      sumOut += y;
      if (y !== 0) {
        kept++;
        if (Math.abs(y - x / (1 - rate)) > 1e-12) wronglyScaled++;
      }
    }
    expect(wronglyScaled).toBe(0);
    // 100 000 Bernoulli(0.7) draws: the standard deviation of the fraction is about 0.0015.
    expect(kept / (2 * size)).toBeCloseTo(1 - rate, 2);
    // Inverted scaling keeps the expected sum unchanged.
    expect(sumOut / sumIn).toBeGreaterThan(0.98);
    expect(sumOut / sumIn).toBeLessThan(1.02);
  });

  it('draws a new mask on each training step', () => {
    const h = buildKernel(DropoutNode, { params: { rate: 0.5 }, inputs: [[200]], maxBatch: 1, inputRange: [1, 2] });
    h.kernel.forward(1, true);
    const first = h.output.slice();
    h.kernel.forward(1, true);
    expect(Array.from(h.output)).not.toEqual(Array.from(first));
  });

  it('backward follows the mode of the last forward', () => {
    const h = buildKernel(DropoutNode, { params: { rate: 0.5 }, inputs: [[100]], maxBatch: 1 });
    h.kernel.forward(1, true);
    h.kernel.forward(1, false);
    h.kernel.backward!(1);
    expect(Array.from(h.buffers.dInputs[0]!)).toEqual(Array.from(h.dOutput));
  });
});
