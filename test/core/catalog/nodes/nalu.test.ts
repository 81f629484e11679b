import { describe, expect, it } from 'vitest';
import { NaluNode } from '../../../../core/catalog/nodes/nalu';
import { checkOp } from '../../../helpers/gradcheck';
import { buildKernel } from './kernel-harness';

const TOL = 1e-3;
const EPS = 1e-7;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Straight from the paper's formulas, one output at a time. Params: Ŵ, M̂, G, each [in][units]. */
function naluReference(inF: number, units: number) {
  return ([x]: Float64Array[], [Wh, Mh, G]: Float64Array[], n: number) => {
    const y = new Float64Array(n * units);
    for (let s = 0; s < n; s++) {
      for (let u = 0; u < units; u++) {
        let a = 0;
        let logM = 0;
        let gPre = 0;
        for (let i = 0; i < inF; i++) {
          const xi = x![s * inF + i]!;
          const w = Math.tanh(Wh![i * units + u]!) * sigmoid(Mh![i * units + u]!);
          a += xi * w;
          logM += Math.log(Math.abs(xi) + EPS) * w;
          gPre += xi * G![i * units + u]!;
        }
        const g = sigmoid(gPre);
        y[s * units + u] = g * a + (1 - g) * Math.exp(logM);
      }
    }
    return y;
  };
}

describe('NALU', () => {
  it('matches the paper on positive inputs, with gradients for x, Ŵ, M̂ and G', () => {
    const r = checkOp({
      kind: NaluNode,
      params: { units: 3 },
      inputs: [[4]],
      expectShape: [3],
      inputRange: [0.5, 2],
      reference: naluReference(4, 3),
    });
    expect(r.outputShape).toEqual([3]);
    expect(r.forwardMaxDiff).toBeLessThan(1e-12);
    expect(r.maxRelError, r.worst).toBeLessThan(TOL);
  });

  it('handles mixed signs (d|x|/dx = sign x)', () => {
    const r = checkOp({
      kind: NaluNode,
      params: { units: 2 },
      inputs: [[5]],
      batch: 4,
      seed: 21,
      inputRange: [-2, 2],
      paramRange: [-2, 2],
      reference: naluReference(5, 2),
    });
    expect(r.forwardMaxDiff).toBeLessThan(1e-12);
    expect(r.maxRelError, r.worst).toBeLessThan(TOL);
  });

  it('gives a finite output and gradient for an input of exactly 0', () => {
    const h = buildKernel(NaluNode, { params: { units: 2 }, inputs: [[3]], maxBatch: 1 });
    h.inputs[0]![1] = 0;
    h.kernel.forward(1, true);
    h.kernel.backward!(1);
    for (const v of h.output) expect(Number.isFinite(v)).toBe(true);
    for (const g of [h.buffers.dInputs[0]!, ...h.buffers.dParams]) for (const v of g) expect(Number.isFinite(v)).toBe(true);
  });

  it('with saturated weights adds or multiplies exactly, far outside any training range', () => {
    const h = buildKernel(NaluNode, { params: { units: 1 }, inputs: [[2]], maxBatch: 1 });
    const [Wh, Mh, G] = h.params as [Float64Array, Float64Array, Float64Array];
    Wh.fill(30); // tanh → 1
    Mh.fill(30); // σ → 1, so W = [1, 1]
    h.inputs[0]!.set([1234, 5678]);
    G.fill(30); // gate open: the additive path
    h.kernel.forward(1, false);
    expect(h.output[0]).toBeCloseTo(1234 + 5678, 6);
    G.fill(-30); // gate closed: the multiplicative path
    h.kernel.forward(1, false);
    expect(h.output[0]! / (1234 * 5678)).toBeCloseTo(1, 9);
  });

  it('refuses a non-flat input and suggests a fix', () => {
    const r = NaluNode.inferShape({ params: { units: 1 }, inputs: [[2, 3]], dataset: { inputShape: [2, 3], target: { kind: 'binary' } } });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/\[B, 2, 3\].*Flatten/);
  });

  it('declares Ŵ, M̂, G as [in, units] xavier-initialised weights', () => {
    const specs = NaluNode.paramTensors({ params: { units: 3 }, inputs: [[4]], output: [3] });
    expect(specs.map((s) => [s.name, s.shape, s.init, s.fanIn, s.fanOut])).toEqual([
      ['W_hat', [4, 3], 'xavier_uniform', 4, 3],
      ['M_hat', [4, 3], 'xavier_uniform', 4, 3],
      ['G', [4, 3], 'xavier_uniform', 4, 3],
    ]);
  });
});
