import { describe, expect, it } from 'vitest';
import { Arena } from '../../../core/engine/arena';
import { wasmKernelsFor } from '../../../core/kernels/gemm';
import type { KernelFlavor } from '../../../core/kernels/wasm/module';
import { mulberry32 } from '../../../core/util/rng';

/*
 * The vector LSTM cell (assembly/lstm.ts) uses its own f32 exp, so it is checked value by value against the
 * cell's formulas in f64 — across pre-activations from −100 to 100, where σ and tanh saturate and a naive
 * exp would overflow — within float tolerance. (Whole-model agreement: executor-backends and parity tests.)
 */
const sig = (v: number) => 1 / (1 + Math.exp(-v));

describe.each(['simd', 'fma'] as KernelFlavor[])('wasm LSTM forward step (%s build)', (flavor) => {
  // H = 6: the last vector of each row overlaps the one before.
  it.each([8, 6])('matches σ/tanh gates, c and h in f64 to ~1e-6, saturating cleanly (H = %i)', (H) => {
    const arena = Arena.tryCreate(100_000, flavor);
    if (!arena) return expect(flavor).toBe('fma'); // no relaxed SIMD in this runtime: only the fma build may be absent
    const n = 3, GH = 4 * H;
    const xg = arena.alloc(n * GH), hg = arena.alloc(n * GH), gates = arena.alloc(n * GH);
    const cPrev = arena.alloc(n * H), cCur = arena.alloc(n * H), tanhC = arena.alloc(n * H), h = arena.alloc(n * H);
    const rng = mulberry32(3);
    for (let i = 0; i < xg.length; i++) {
      // Mostly moderate values, every 7th one far out in the saturated range.
      xg[i] = i % 7 === 0 ? (rng.next() * 2 - 1) * 100 : (rng.next() * 2 - 1) * 6;
      hg[i] = (rng.next() * 2 - 1) * 2;
    }
    for (let i = 0; i < cPrev.length; i++) cPrev[i] = (rng.next() * 2 - 1) * 3;
    const k = wasmKernelsFor([xg, hg, gates, cPrev, cCur, tanhC, h])!;
    expect(k).not.toBeNull();
    const at = (b: Float32Array) => b.byteOffset;
    k.lstmForwardStep(at(xg), at(hg), at(gates), at(cPrev), at(cCur), at(tanhC), at(h), n, H);
    let worst = 0;
    for (let s = 0; s < n; s++) {
      for (let j = 0; j < H; j++) {
        const a = (q: number) => xg[s * GH + q * H + j]! + hg[s * GH + q * H + j]!;
        const want = [sig(a(0)), sig(a(1)), Math.tanh(a(2)), sig(a(3))];
        want.forEach((w, q) => { worst = Math.max(worst, Math.abs(gates[s * GH + q * H + j]! - w)); });
        const c = want[1]! * cPrev[s * H + j]! + want[0]! * want[2]!;
        worst = Math.max(worst, Math.abs(cCur[s * H + j]! - c) / Math.max(1, Math.abs(c)));
        worst = Math.max(worst, Math.abs(tanhC[s * H + j]! - Math.tanh(cCur[s * H + j]!)));
        worst = Math.max(worst, Math.abs(h[s * H + j]! - want[3]! * Math.tanh(c)));
      }
    }
    expect(worst).toBeLessThan(2e-6);
    for (const b of [gates, cCur, tanhC, h]) for (const v of b) expect(Number.isFinite(v)).toBe(true);
  });
});
