// AssemblyScript: the LSTM cell's forward step, four units at a time. The gates are transcendental-bound
// (3 sigmoids and 2 tanh per unit and step); σ and tanh are the vector f32 routines of vmath.ts, within
// float tolerance of the TS cell, not bit-identical.

import { sigmoid4, tanh4 } from './vmath';

/**
 * One step for n samples of H ≥ 4 units. Per sample s (strides 4H for xg/gates/hg, H for
 * the states): a = xg + hg; i, f, o = σ(a_i, a_f, a_o), g = tanh(a_g); c = f·c_prev + i·g; h = o·tanh(c).
 * Writes the activated gates (xg's layout), c, tanh(c) and h.
 */
export function lstmForwardStep(xg: usize, hg: usize, gates: usize, cPrev: usize, cCur: usize, tanhC: usize, h: usize, n: i32, H: i32): void {
  const GH = <usize>(4 * H) << 2, SH = <usize>H << 2, HB = <usize>H << 2;
  for (let s = 0; s < n; s++) {
    const a = xg + <usize>s * GH, b = hg + <usize>s * GH, gt = gates + <usize>s * GH, st = <usize>s * SH;
    for (let j0: usize = 0; j0 < HB; j0 += 16) {
      // The last vector of a row whose H is not a multiple of 4 overlaps the one before: those lanes are
      // recomputed from the same inputs into the same values (no output is also an input), so it is harmless.
      const j = min(j0, HB - 16);
      const i = sigmoid4(f32x4.add(v128.load(a + j), v128.load(b + j)));
      const f = sigmoid4(f32x4.add(v128.load(a + HB + j), v128.load(b + HB + j)));
      const g = tanh4(f32x4.add(v128.load(a + 2 * HB + j), v128.load(b + 2 * HB + j)));
      const o = sigmoid4(f32x4.add(v128.load(a + 3 * HB + j), v128.load(b + 3 * HB + j)));
      v128.store(gt + j, i);
      v128.store(gt + HB + j, f);
      v128.store(gt + 2 * HB + j, g);
      v128.store(gt + 3 * HB + j, o);
      const c = f32x4.add(f32x4.mul(f, v128.load(cPrev + st + j)), f32x4.mul(i, g));
      v128.store(cCur + st + j, c);
      const tc = tanh4(c);
      v128.store(tanhC + st + j, tc);
      v128.store(h + st + j, f32x4.mul(o, tc));
    }
  }
}
