// AssemblyScript: the LSTM cell's backward step (one step of backpropagation through time), four units at
// a time. Only products and sums — the activated gates and tanh(c) were kept by the forward step — so this
// is f32 arithmetic in the TS cell's order of formulas, within float tolerance of it (the TS cell rounds
// its intermediates in f64).

import { dsigmoid4, dtanh4 } from './vmath';

/**
 * Four units j…j+3 of one sample. `done` marks lanes an earlier vector of the row already handled (the
 * overlapping last vector when H is not a multiple of 4): dc is updated in place, so those lanes keep
 * what is in memory instead of being computed a second time from the new dc.
 */
@inline function units4(g: usize, d: usize, st: usize, j: usize, HB: usize, cPrev: usize, tanhC: usize, dh: usize, dc: usize, done: v128, tail: bool): void {
  const i = v128.load(g + j);
  const f = v128.load(g + HB + j);
  const gg = v128.load(g + 2 * HB + j);
  const o = v128.load(g + 3 * HB + j);
  const tc = v128.load(tanhC + st + j);
  const dhv = v128.load(dh + st + j);
  const dcOld = v128.load(dc + st + j);
  const dcv = f32x4.add(dcOld, f32x4.mul(f32x4.mul(dhv, o), dtanh4(tc)));
  const dai = f32x4.mul(f32x4.mul(dcv, gg), dsigmoid4(i));
  const daf = f32x4.mul(f32x4.mul(dcv, v128.load(cPrev + st + j)), dsigmoid4(f));
  const dag = f32x4.mul(f32x4.mul(dcv, i), dtanh4(gg));
  const dao = f32x4.mul(f32x4.mul(dhv, tc), dsigmoid4(o));
  const dcNew = f32x4.mul(dcv, f);
  if (tail) {
    v128.store(d + j, v128.bitselect(v128.load(d + j), dai, done));
    v128.store(d + HB + j, v128.bitselect(v128.load(d + HB + j), daf, done));
    v128.store(d + 2 * HB + j, v128.bitselect(v128.load(d + 2 * HB + j), dag, done));
    v128.store(d + 3 * HB + j, v128.bitselect(v128.load(d + 3 * HB + j), dao, done));
    v128.store(dc + st + j, v128.bitselect(dcOld, dcNew, done));
  } else {
    v128.store(d + j, dai);
    v128.store(d + HB + j, daf);
    v128.store(d + 2 * HB + j, dag);
    v128.store(d + 3 * HB + j, dao);
    v128.store(dc + st + j, dcNew);
  }
}

/**
 * One step back for n samples of H ≥ 4 units. Per sample s (stride 4H for gates/dxg, H for the rest), with
 * i, f, g, o the activated gates of the step and tc = tanh(c_t):
 *   dc' = dc + dh·o·(1 − tc²)
 *   da_i = dc'·g·i(1 − i)   da_f = dc'·c_{t−1}·f(1 − f)   da_g = dc'·i·(1 − g²)   da_o = dh·tc·o(1 − o)
 * Writes the pre-activation gradients into dxg (gates' layout) and dc ← dc'·f, the gradient reaching c_{t−1}.
 */
export function lstmBackwardStep(gates: usize, cPrev: usize, tanhC: usize, dh: usize, dc: usize, dxg: usize, n: i32, H: i32): void {
  const GH = <usize>(4 * H) << 2, HB = <usize>H << 2, HB4 = <usize>(H & ~3) << 2;
  const none = i32x4.splat(0);
  // Lanes of the last vector (at H − 4) that the full vectors before it covered: the first 4 − H % 4.
  const done = i32x4.lt_s(i32x4(0, 1, 2, 3), i32x4.splat(4 - (H & 3)));
  for (let s = 0; s < n; s++) {
    const g = gates + <usize>s * GH, d = dxg + <usize>s * GH, st = <usize>s * HB;
    for (let j: usize = 0; j < HB4; j += 16) units4(g, d, st, j, HB, cPrev, tanhC, dh, dc, none, false);
    if (HB4 < HB) units4(g, d, st, HB - 16, HB, cPrev, tanhC, dh, dc, done, true);
  }
}
