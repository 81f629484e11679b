import { describe, expect, it } from 'vitest';
import { Arena } from '../../../core/engine/arena';
import { wasmKernelsFor } from '../../../core/kernels/gemm';
import type { KernelFlavor, WasmKernels } from '../../../core/kernels/wasm/module';
import { mulberry32 } from '../../../core/util/rng';

/*
 * The vector recurrent cells (assembly/lstm-backward.ts, gru.ts, rnn.ts), one step each, value by value
 * against the cells' formulas evaluated in f64 from the same f32 inputs — pre-activations out to ±100 where
 * σ and tanh saturate — within float tolerance. Whole-model agreement with the TS cells, in training:
 * recurrent-wasm-training.test.ts.
 */
const sig = (v: number) => 1 / (1 + Math.exp(-v));

function setup(flavor: KernelFlavor, sizes: number[]): { k: WasmKernels; bufs: Float32Array[] } | null {
  const arena = Arena.tryCreate(200_000, flavor);
  if (!arena) return null;
  const bufs = sizes.map((s) => arena.alloc(s));
  const k = wasmKernelsFor(bufs);
  expect(k).not.toBeNull();
  return { k: k!, bufs };
}

const rng = mulberry32(11);
/** Mostly moderate values, every 7th one far out where σ and tanh saturate. */
const fillWide = (b: Float32Array, scale = 6) => { for (let i = 0; i < b.length; i++) b[i] = i % 7 === 0 ? (rng.next() * 2 - 1) * 100 : (rng.next() * 2 - 1) * scale; };
const fill = (b: Float32Array, lo: number, hi: number) => { for (let i = 0; i < b.length; i++) b[i] = lo + rng.next() * (hi - lo); };
const addr = (b: Float32Array) => b.byteOffset;

/** Largest |got − want| / max(1, |want|) over all entries, and every value finite. */
function worstError(got: Float32Array, want: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    expect(Number.isFinite(got[i]!)).toBe(true);
    worst = Math.max(worst, Math.abs(got[i]! - want[i]!) / Math.max(1, Math.abs(want[i]!)));
  }
  return worst;
}

describe.each(['simd', 'fma'] as KernelFlavor[])('wasm recurrent cells (%s build)', (flavor) => {
  // H = 5, 6, 7: the last vector of a row overlaps the one before (and dc is updated in place).
  it.each([8, 4, 5, 6, 7])('LSTM backward step, H = %i: gate gradients and the carried dc match the formulas in f64', (H) => {
    const n = 3, GH = 4 * H;
    const s = setup(flavor, [n * GH, n * H, n * H, n * H, n * H, n * GH]);
    if (!s) return expect(flavor).toBe('fma'); // no relaxed SIMD in this runtime: only the fma build may be absent
    const [gates, cPrev, tanhC, dh, dc, dxg] = s.bufs as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
    for (let q = 0; q < n * GH; q++) gates[q] = Math.floor(q / H) % 4 === 2 ? rng.next() * 2 - 1 : rng.next(); // g in (−1, 1), σ gates in (0, 1)
    fill(cPrev, -3, 3); fill(tanhC, -1, 1); fill(dh, -2, 2); fill(dc, -2, 2);
    const wantDx = new Float64Array(n * GH), wantDc = new Float64Array(n * H);
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < H; j++) {
        const gate = (q: number) => gates[r * GH + q * H + j]!;
        const [i, f, g, o] = [gate(0), gate(1), gate(2), gate(3)];
        const tc = tanhC[r * H + j]!, dhv = dh[r * H + j]!;
        const dcv = dc[r * H + j]! + dhv * o * (1 - tc * tc);
        wantDx[r * GH + j] = dcv * g * i * (1 - i);
        wantDx[r * GH + H + j] = dcv * cPrev[r * H + j]! * f * (1 - f);
        wantDx[r * GH + 2 * H + j] = dcv * i * (1 - g * g);
        wantDx[r * GH + 3 * H + j] = dhv * tc * o * (1 - o);
        wantDc[r * H + j] = dcv * f;
      }
    }
    s.k.lstmBackwardStep(addr(gates), addr(cPrev), addr(tanhC), addr(dh), addr(dc), addr(dxg), n, H);
    expect(worstError(dxg, wantDx)).toBeLessThan(1e-6);
    expect(worstError(dc, wantDc)).toBeLessThan(1e-6);
  });

  it.each([8, 4, 5, 7])('GRU forward and backward step, H = %i, match the formulas in f64, saturating cleanly', (H) => {
    const n = 3, GH = 3 * H;
    const s = setup(flavor, [n * GH, n * GH, n * GH, n * H, n * H, n * H, n * H, n * GH, n * GH, n * H]);
    if (!s) return expect(flavor).toBe('fma');
    const [xg, hg, gates, hn, hPrev, h, dh, dxg, dhg, dhPrev] = s.bufs as Float32Array[] as [
      Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array,
    ];
    fillWide(xg); fill(hg, -2, 2); fill(hPrev, -1, 1); fill(dh, -2, 2);
    s.k.gruForwardStep(addr(xg), addr(hg), addr(gates), addr(hn), addr(hPrev), addr(h), n, H);
    const wantGates = new Float64Array(n * GH), wantHn = new Float64Array(n * H), wantH = new Float64Array(n * H);
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < H; j++) {
        const a = (q: number) => xg[r * GH + q * H + j]!;
        const b = (q: number) => hg[r * GH + q * H + j]!;
        const rv = sig(a(0) + b(0)), z = sig(a(1) + b(1)), nv = Math.tanh(a(2) + rv * b(2));
        wantGates[r * GH + j] = rv; wantGates[r * GH + H + j] = z; wantGates[r * GH + 2 * H + j] = nv;
        wantHn[r * H + j] = b(2);
        wantH[r * H + j] = (1 - z) * nv + z * hPrev[r * H + j]!;
      }
    }
    expect(worstError(gates, wantGates)).toBeLessThan(2e-6);
    expect(worstError(hn, wantHn)).toBe(0);
    expect(worstError(h, wantH)).toBeLessThan(2e-6);

    // Backward from the gates just written (f32, as training keeps them).
    s.k.gruBackwardStep(addr(gates), addr(hn), addr(hPrev), addr(dh), addr(dxg), addr(dhg), addr(dhPrev), n, H);
    const wantDx = new Float64Array(n * GH), wantDr = new Float64Array(n * GH), wantDhPrev = new Float64Array(n * H);
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < H; j++) {
        const gate = (q: number) => gates[r * GH + q * H + j]!;
        const [rv, z, nv] = [gate(0), gate(1), gate(2)];
        const dhv = dh[r * H + j]!;
        const dan = dhv * (1 - z) * (1 - nv * nv);
        const daz = dhv * (hPrev[r * H + j]! - nv) * z * (1 - z);
        const dar = dan * hn[r * H + j]! * rv * (1 - rv);
        [wantDx[r * GH + j], wantDx[r * GH + H + j], wantDx[r * GH + 2 * H + j]] = [dar, daz, dan];
        [wantDr[r * GH + j], wantDr[r * GH + H + j], wantDr[r * GH + 2 * H + j]] = [dar, daz, dan * rv];
        wantDhPrev[r * H + j] = dhv * z;
      }
    }
    expect(worstError(dxg, wantDx)).toBeLessThan(1e-6);
    expect(worstError(dhg, wantDr)).toBeLessThan(1e-6);
    expect(worstError(dhPrev, wantDhPrev)).toBeLessThan(1e-6);
  });

  it('SimpleRNN forward and backward step match tanh and dh·(1 − h²), including a count not a multiple of 4', () => {
    const count = 3 * 5 + 2; // n·H with H = 17 / n = 1, or any odd size: the scalar tail is covered
    const s = setup(flavor, [count, count, count, count, count]);
    if (!s) return expect(flavor).toBe('fma');
    const [xg, hg, h, dh, da] = s.bufs as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
    fillWide(xg); fill(hg, -2, 2); fill(dh, -2, 2);
    s.k.rnnForwardStep(addr(xg), addr(hg), addr(h), count);
    const wantH = Float64Array.from(xg, (v, i) => Math.tanh(v + hg[i]!));
    expect(worstError(h, wantH)).toBeLessThan(2e-6);
    s.k.rnnBackwardStep(addr(h), addr(dh), addr(da), count);
    const wantDa = Float64Array.from(h, (v, i) => dh[i]! * (1 - v * v));
    expect(worstError(da, wantDa)).toBeLessThan(1e-6);
  });
});
