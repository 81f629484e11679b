// AssemblyScript: the LSTM cell's forward step, four units at a time. The gates are transcendental-bound
// (3 sigmoids and 2 tanh per unit and step), so exp is a vector f32 routine: range reduction by ln 2 and a
// degree-6 polynomial, within ~2 ulp of the true value — float tolerance of the TS cell, not bit-identical.

const LOG2E: f32 = 1.44269504;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;

/** e^x lane-wise for x clamped to [-87, 88] (results stay normal floats, no inf). */
@inline function exp4(x0: v128): v128 {
  const x = f32x4.max(f32x4.splat(-87.0), f32x4.min(f32x4.splat(88.0), x0));
  const k = f32x4.nearest(f32x4.mul(x, f32x4.splat(LOG2E)));
  const r = f32x4.sub(f32x4.sub(x, f32x4.mul(k, f32x4.splat(LN2_HI))), f32x4.mul(k, f32x4.splat(LN2_LO)));
  let p = f32x4.splat(1.0 / 720.0);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 120.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 24.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 6.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(0.5));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(k), i32x4.splat(127)), 23);
  return f32x4.mul(p, scale);
}

@inline function sigmoid4(x: v128): v128 {
  const one = f32x4.splat(1.0);
  return f32x4.div(one, f32x4.add(one, exp4(f32x4.neg(x))));
}

/** tanh x = sign(x)·(1 − e^{−2|x|}) / (1 + e^{−2|x|}): no overflow, no cancellation blow-up for large |x|. */
@inline function tanh4(x: v128): v128 {
  const one = f32x4.splat(1.0);
  const e = exp4(f32x4.mul(f32x4.splat(-2.0), f32x4.abs(x)));
  const t = f32x4.div(f32x4.sub(one, e), f32x4.add(one, e));
  const signBit = v128.and(x, i32x4.splat(0x80000000));
  return v128.or(t, signBit);
}

/**
 * One step for n samples of H units (H a multiple of 4). Per sample s (strides 4H for xg/gates/hg, H for
 * the states): a = xg + hg; i, f, o = σ(a_i, a_f, a_o), g = tanh(a_g); c = f·c_prev + i·g; h = o·tanh(c).
 * Writes the activated gates (xg's layout), c, tanh(c) and h.
 */
export function lstmForwardStep(xg: usize, hg: usize, gates: usize, cPrev: usize, cCur: usize, tanhC: usize, h: usize, n: i32, H: i32): void {
  const GH = <usize>(4 * H) << 2, SH = <usize>H << 2, HB = <usize>H << 2;
  for (let s = 0; s < n; s++) {
    const a = xg + <usize>s * GH, b = hg + <usize>s * GH, gt = gates + <usize>s * GH, st = <usize>s * SH;
    for (let j: usize = 0; j < HB; j += 16) {
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
