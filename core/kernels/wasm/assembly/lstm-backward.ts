// AssemblyScript: the LSTM cell's backward step (one step of backpropagation through time), four units at
// a time. Only products and sums — the activated gates and tanh(c) were kept by the forward step — so this
// is f32 arithmetic in the TS cell's order of formulas, within float tolerance of it (the TS cell rounds
// its intermediates in f64).

import { dsigmoid4, dtanh4 } from './vmath';

/**
 * One step back for n samples of H units (H a multiple of 4). Per sample s (stride 4H for gates/dxg, H for
 * the rest), with i, f, g, o the activated gates of the step and tc = tanh(c_t):
 *   dc' = dc + dh·o·(1 − tc²)
 *   da_i = dc'·g·i(1 − i)   da_f = dc'·c_{t−1}·f(1 − f)   da_g = dc'·i·(1 − g²)   da_o = dh·tc·o(1 − o)
 * Writes the pre-activation gradients into dxg (gates' layout) and dc ← dc'·f, the gradient reaching c_{t−1}.
 */
export function lstmBackwardStep(gates: usize, cPrev: usize, tanhC: usize, dh: usize, dc: usize, dxg: usize, n: i32, H: i32): void {
  const GH = <usize>(4 * H) << 2, HB = <usize>H << 2;
  for (let s = 0; s < n; s++) {
    const g = gates + <usize>s * GH, d = dxg + <usize>s * GH, st = <usize>s * HB;
    for (let j: usize = 0; j < HB; j += 16) {
      const i = v128.load(g + j);
      const f = v128.load(g + HB + j);
      const gg = v128.load(g + 2 * HB + j);
      const o = v128.load(g + 3 * HB + j);
      const tc = v128.load(tanhC + st + j);
      const dhv = v128.load(dh + st + j);
      const dcv = f32x4.add(v128.load(dc + st + j), f32x4.mul(f32x4.mul(dhv, o), dtanh4(tc)));
      v128.store(d + j, f32x4.mul(f32x4.mul(dcv, gg), dsigmoid4(i)));
      v128.store(d + HB + j, f32x4.mul(f32x4.mul(dcv, v128.load(cPrev + st + j)), dsigmoid4(f)));
      v128.store(d + 2 * HB + j, f32x4.mul(f32x4.mul(dcv, i), dtanh4(gg)));
      v128.store(d + 3 * HB + j, f32x4.mul(f32x4.mul(dhv, tc), dsigmoid4(o)));
      v128.store(dc + st + j, f32x4.mul(dcv, f));
    }
  }
}
