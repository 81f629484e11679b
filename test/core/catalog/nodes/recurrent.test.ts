import { describe, expect, it } from 'vitest';
import { GruNode } from '../../../../core/catalog/nodes/gru';
import { LstmNode } from '../../../../core/catalog/nodes/lstm';
import { SimpleRnnNode } from '../../../../core/catalog/nodes/simple-rnn';
import type { NodeKind } from '../../../../core/catalog/types';
import { checkOp } from '../../../helpers/gradcheck';
import { initParam } from '../../../../core/engine/init';
import { mulberry32 } from '../../../../core/util/rng';
import { buildKernel } from './kernel-harness';

const TOL = 1e-3;
const dataset = { inputShape: [4, 3], target: { kind: 'binary' as const } };
const sig = (v: number) => 1 / (1 + Math.exp(-v));

/**
 * The three cells written step by step from PyTorch's documented formulas, one sample at a time, with the
 * weights in the node's order W_ih [G·H, d], W_hh [G·H, H], b_ih, b_hh. Returns [n, T, H] or [n, H].
 */
function recurrentReference(type: string, T: number, d: number, H: number, sequences: boolean) {
  return (x: Float64Array, [Wih, Whh, bih, bhh]: Float64Array[], n: number): Float64Array => {
    const out = new Float64Array(n * (sequences ? T : 1) * H);
    // Row `row` of W·v + b for block `gate`.
    const lin = (W: Float64Array, b: Float64Array, v: ArrayLike<number>, width: number, gate: number, j: number) => {
      const row = gate * H + j;
      let acc = b[row]!;
      for (let k = 0; k < width; k++) acc += W[row * width + k]! * v[k]!;
      return acc;
    };
    for (let s = 0; s < n; s++) {
      let h = new Array<number>(H).fill(0);
      let c = new Array<number>(H).fill(0);
      for (let t = 0; t < T; t++) {
        const xt = x.subarray((s * T + t) * d, (s * T + t + 1) * d);
        const gi = (g: number, j: number) => lin(Wih!, bih!, xt, d, g, j);
        const gh = (g: number, j: number) => lin(Whh!, bhh!, h, H, g, j);
        const next = new Array<number>(H);
        const nextC = new Array<number>(H);
        for (let j = 0; j < H; j++) {
          if (type === 'SimpleRNN') next[j] = Math.tanh(gi(0, j) + gh(0, j));
          else if (type === 'LSTM') {
            const i = sig(gi(0, j) + gh(0, j)), f = sig(gi(1, j) + gh(1, j));
            const g = Math.tanh(gi(2, j) + gh(2, j)), o = sig(gi(3, j) + gh(3, j));
            nextC[j] = f * c[j]! + i * g;
            next[j] = o * Math.tanh(nextC[j]!);
          } else {
            const r = sig(gi(0, j) + gh(0, j)), z = sig(gi(1, j) + gh(1, j));
            const nn = Math.tanh(gi(2, j) + r * gh(2, j));
            next[j] = (1 - z) * nn + z * h[j]!;
          }
        }
        h = next;
        c = nextC;
        if (sequences) out.set(h, (s * T + t) * H);
      }
      if (!sequences) out.set(h, s * H);
    }
    return out;
  };
}

const KINDS: [NodeKind, number][] = [[SimpleRnnNode, 1], [LstmNode, 4], [GruNode, 3]];

describe.each(KINDS)('$type', (kind, gates) => {
  const [T, d, H] = [5, 3, 4];
  it.each([
    [false, true], [true, true], [false, false], [true, false],
  ])('returnSequences %s, training %s: forward matches the formulas, gradients check through time', (sequences, training) => {
    const r = checkOp({
      kind,
      params: { units: H, returnSequences: sequences },
      inputs: [[T, d]],
      expectShape: sequences ? [T, H] : [H],
      dataset,
      training,
      batch: 3,
      reference: ([x], p, n) => recurrentReference(kind.type, T, d, H, sequences)(x!, p, n),
    });
    expect(r.forwardMaxDiff).toBeLessThan(1e-12);
    expect(r.maxRelError, r.worst).toBeLessThan(TOL);
    expect(r.checked).toBeGreaterThan(50);
  });

  it('keeps PyTorch\'s layout: W_ih [G·H, d], W_hh [G·H, H], two biases, uniform ±1/√H', () => {
    const specs = kind.paramTensors({ params: { units: H, returnSequences: false }, inputs: [[T, d]], output: [H] });
    expect(specs.map((s) => [s.name, s.shape, s.decay])).toEqual([
      ['W_ih', [gates * H, d], true], ['W_hh', [gates * H, H], true], ['b_ih', [gates * H], false], ['b_hh', [gates * H], false],
    ]);
    for (const s of specs) expect(Math.sqrt(6 / (s.fanIn + s.fanOut))).toBeCloseTo(1 / Math.sqrt(H), 12);
  });

  it('refuses an input without a time axis, naming what is missing', () => {
    const r = kind.inferShape({ params: { units: H, returnSequences: false }, inputs: [[6]], dataset });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(/^reads a sequence \[B, T, d\]/);
      expect(r.message).toContain('[B, 6]');
      expect(r.message).toMatch(/no time axis/);
      expect(r.message).toMatch(/Embedding/);
    }
    const image = kind.inferShape({ params: { units: H, returnSequences: false }, inputs: [[1, 28, 28]], dataset });
    expect(image.ok).toBe(false);
    if (!image.ok) expect(image.message).toContain('[B, 1, 28, 28]');
  });

  it('reruns bit-identically and never lets a later step change an earlier output', () => {
    const h = buildKernel(kind, { params: { units: H, returnSequences: true }, inputs: [[T, d]], maxBatch: 2 });
    h.kernel.forward(2, true);
    const first = h.output.slice();
    h.kernel.forward(2, true);
    expect(Array.from(h.output)).toEqual(Array.from(first));
    // Causality: changing the last step leaves every earlier hidden state unchanged.
    for (let s = 0; s < 2; s++) for (let k = 0; k < d; k++) h.inputs[0]![(s * T + T - 1) * d + k] += 1;
    h.kernel.forward(2, true);
    for (let s = 0; s < 2; s++) {
      for (let i = 0; i < (T - 1) * H; i++) expect(h.output[s * T * H + i]).toBe(first[s * T * H + i]);
      let changed = false;
      for (let j = 0; j < H; j++) changed ||= h.output[(s * T + T - 1) * H + j] !== first[(s * T + T - 1) * H + j];
      expect(changed).toBe(true);
    }
  });
});

describe('gate bias at the start', () => {
  it.each([[LstmNode, 'forgetBias', 4], [GruNode, 'updateBias', 3]] as const)('%s: %s starts the gate-1 block of b_ih at the value and of b_hh at 0; the rest stays uniform', (kind, param, gates) => {
    const H = 5;
    const specs = kind.paramTensors({ params: { units: H, returnSequences: false, [param]: 2 }, inputs: [[7, 3]], output: [H] });
    const rng = mulberry32(3);
    const [bih, bhh] = specs.slice(2).map((s) => {
      const buf = new Float64Array(gates * H);
      initParam(buf, s, rng);
      return buf;
    });
    for (let j = 0; j < gates * H; j++) {
      const inBlock = j >= H && j < 2 * H;
      if (inBlock) {
        expect(bih![j]).toBe(2);
        expect(bhh![j]).toBe(0);
      } else {
        expect(Math.abs(bih![j]!)).toBeLessThanOrEqual(1 / Math.sqrt(H));
        expect(bih![j]).not.toBe(0);
      }
    }
  });

  it('the defaults are Keras\'s forget bias of 1 for the LSTM and 0 for the GRU', () => {
    expect(LstmNode.params.forgetBias!.default).toBe(1);
    expect(GruNode.params.updateBias!.default).toBe(0);
  });
});
