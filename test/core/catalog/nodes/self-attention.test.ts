import { describe, expect, it } from 'vitest';
import { SelfAttentionNode } from '../../../../core/catalog/nodes/self-attention';
import type { ShapeResult } from '../../../../core/catalog/types';
import { checkOp } from '../../../helpers/gradcheck';
import { buildKernel } from './kernel-harness';

const TOL = 1e-3;
const dataset = { inputShape: [5], target: { kind: 'binary' as const } };

/**
 * Naive attention, written position by position from the definition. Returns the output [n, T, dModel]
 * and the attention weights [n, heads, T, T]. Params in the node's order: Wq, bq, Wk, bk, Wv, bv, Wo, bo.
 */
function attentionReference(T: number, d: number, dModel: number, heads: number, causal: boolean) {
  const dh = dModel / heads;
  return (x: Float64Array, p: Float64Array[], n: number) => {
    const [Wq, bq, Wk, bk, Wv, bv, Wo, bo] = p as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    const y = new Float64Array(n * T * dModel);
    const attn = new Float64Array(n * heads * T * T);
    const project = (s: number, t: number, W: Float64Array, b: Float64Array, c: number) => {
      let v = b[c]!;
      for (let k = 0; k < d; k++) v += x[(s * T + t) * d + k]! * W[k * dModel + c]!;
      return v;
    };
    for (let s = 0; s < n; s++) {
      const Q = Array.from({ length: T }, (_, t) => Array.from({ length: dModel }, (_, c) => project(s, t, Wq, bq, c)));
      const K = Array.from({ length: T }, (_, t) => Array.from({ length: dModel }, (_, c) => project(s, t, Wk, bk, c)));
      const V = Array.from({ length: T }, (_, t) => Array.from({ length: dModel }, (_, c) => project(s, t, Wv, bv, c)));
      const O = Array.from({ length: T }, () => new Array<number>(dModel).fill(0));
      for (let h = 0; h < heads; h++) {
        for (let i = 0; i < T; i++) {
          const scores: number[] = [];
          for (let j = 0; j < T; j++) {
            if (causal && j > i) { scores.push(-Infinity); continue; }
            let dot = 0;
            for (let k = 0; k < dh; k++) dot += Q[i]![h * dh + k]! * K[j]![h * dh + k]!;
            scores.push(dot / Math.sqrt(dh));
          }
          const exps = scores.map((v) => Math.exp(v));
          const total = exps.reduce((a, b) => a + b, 0);
          for (let j = 0; j < T; j++) {
            const a = exps[j]! / total;
            attn[((s * heads + h) * T + i) * T + j] = a;
            for (let k = 0; k < dh; k++) O[i]![h * dh + k] += a * V[j]![h * dh + k]!;
          }
        }
      }
      for (let t = 0; t < T; t++) {
        for (let c = 0; c < dModel; c++) {
          let v = bo[c]!;
          for (let m = 0; m < dModel; m++) v += O[t]![m]! * Wo[m * dModel + c]!;
          y[(s * T + t) * dModel + c] = v;
        }
      }
    }
    return { y, attn };
  };
}

describe('SelfAttention', () => {
  it.each([false, true])('two heads, causal %s: forward matches the definition and gradients check', (causal) => {
    const [T, d, dModel, heads] = [4, 3, 6, 2];
    const ref = attentionReference(T, d, dModel, heads, causal);
    const r = checkOp({
      kind: SelfAttentionNode,
      params: { heads, dModel, causal },
      inputs: [[T, d]],
      expectShape: [T, dModel],
      reference: ([x], p, n) => ref(x!, p, n).y,
    });
    expect(r.outputShape).toEqual([T, dModel]);
    expect(r.forwardMaxDiff).toBeLessThan(1e-12);
    expect(r.maxRelError, r.worst).toBeLessThan(TOL);
  });

  it('one head with the default width', () => {
    const ref = attentionReference(3, 2, 32, 1, false);
    const r = checkOp({ kind: SelfAttentionNode, inputs: [[3, 2]], batch: 2, reference: ([x], p, n) => ref(x!, p, n).y });
    expect(r.outputShape).toEqual([3, 32]);
    expect(r.forwardMaxDiff).toBeLessThan(1e-12);
    expect(r.maxRelError, r.worst).toBeLessThan(TOL);
  });

  it('declares its params in the order Wq, bq, Wk, bk, Wv, bv, Wo, bo', () => {
    const specs = SelfAttentionNode.paramTensors({ params: { heads: 2, dModel: 8, causal: false }, inputs: [[5, 3]], output: [5, 8] });
    expect(specs.map((s) => [s.name, s.shape, s.init, s.decay])).toEqual([
      ['Wq', [3, 8], 'xavier_uniform', true], ['bq', [8], 'zeros', false],
      ['Wk', [3, 8], 'xavier_uniform', true], ['bk', [8], 'zeros', false],
      ['Wv', [3, 8], 'xavier_uniform', true], ['bv', [8], 'zeros', false],
      ['Wo', [8, 8], 'xavier_uniform', true], ['bo', [8], 'zeros', false],
    ]);
  });

  it('exposes the last attention weights as [n, heads, T, T], rows summing to 1', () => {
    const [T, d, dModel, heads] = [4, 3, 6, 2];
    const h = buildKernel(SelfAttentionNode, { params: { heads, dModel, causal: true }, inputs: [[T, d]], maxBatch: 2 });
    h.kernel.forward(2, true);
    const attention = h.kernel.inspect!().attention!;
    const expected = attentionReference(T, d, dModel, heads, true)(h.inputs[0]!, h.params, 2).attn;
    expect(attention.length).toBe(2 * heads * T * T);
    for (let i = 0; i < expected.length; i++) expect(attention[i]).toBeCloseTo(expected[i]!, 12);
    for (let row = 0; row < 2 * heads * T; row++) {
      let sum = 0;
      for (let j = 0; j < T; j++) sum += attention[row * T + j]!;
      expect(sum).toBeCloseTo(1, 12);
      const i = row % T;
      for (let j = i + 1; j < T; j++) expect(attention[row * T + j]).toBe(0);
    }
  });

  it.each([true, false])('causal %s: does position 0 see later positions?', (causal) => {
    const [T, d, dModel] = [5, 3, 4];
    const h = buildKernel(SelfAttentionNode, { params: { heads: 2, dModel, causal }, inputs: [[T, d]], maxBatch: 2 });
    h.kernel.forward(2, true);
    const before = h.output.slice();
    for (let s = 0; s < 2; s++) for (let i = d; i < T * d; i++) h.inputs[0]![s * T * d + i] += 0.5;
    h.kernel.forward(2, true);
    for (let s = 0; s < 2; s++) {
      const row0 = (o: Float64Array) => Array.from(o.subarray(s * T * dModel, s * T * dModel + dModel));
      if (causal) expect(row0(h.output)).toEqual(row0(before));
      else expect(row0(h.output)).not.toEqual(row0(before));
    }
    // And backward agrees: a gradient on position 0 alone reaches only position 0 of the input when causal.
    h.dOutput.fill(0);
    for (let s = 0; s < 2; s++) for (let c = 0; c < dModel; c++) h.dOutput[s * T * dModel + c] = 1;
    h.kernel.backward!(2);
    const dX = h.buffers.dInputs[0]!;
    let later = 0;
    for (let s = 0; s < 2; s++) for (let i = d; i < T * d; i++) later += Math.abs(dX[s * T * d + i]!);
    if (causal) expect(later).toBe(0);
    else expect(later).toBeGreaterThan(0);
  });

  const refuse = (params: Record<string, unknown>, input: number[]): ShapeResult =>
    SelfAttentionNode.inferShape({ params: { heads: 1, dModel: 32, causal: false, ...params }, inputs: [input], dataset });

  it('refuses a flat input, naming its shape', () => {
    const r = refuse({}, [5]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/\[B, T, d\].*got \[B, 5\]/);
  });

  it('refuses dModel 10 with 3 heads', () => {
    const r = refuse({ dModel: 10, heads: 3 }, [4, 2]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/dModel \(10\).*heads \(3\)/);
  });
});
