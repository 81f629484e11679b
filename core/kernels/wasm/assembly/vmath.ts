// AssemblyScript: f32 exp, sigmoid and tanh four lanes at a time, shared by the recurrent cells (lstm.ts,
// lstm-backward.ts, gru.ts, rnn.ts). The cells are transcendental-bound, so exp is a vector routine: range
// reduction by ln 2 and a degree-6 polynomial, within ~2 ulp of the true value — float tolerance of the TS
// cells (Math.exp / Math.tanh in f64), not bit-identical to them.

const LOG2E: f32 = 1.44269504;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;

/** e^x lane-wise for x clamped to [-87, 88] (results stay normal floats, no inf). */
@inline export function exp4(x0: v128): v128 {
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

@inline export function sigmoid4(x: v128): v128 {
  const one = f32x4.splat(1.0);
  return f32x4.div(one, f32x4.add(one, exp4(f32x4.neg(x))));
}

/** tanh x = sign(x)·(1 − e^{−2|x|}) / (1 + e^{−2|x|}): no overflow, no cancellation blow-up for large |x|. */
@inline export function tanh4(x: v128): v128 {
  const one = f32x4.splat(1.0);
  const e = exp4(f32x4.mul(f32x4.splat(-2.0), f32x4.abs(x)));
  const t = f32x4.div(f32x4.sub(one, e), f32x4.add(one, e));
  const signBit = v128.and(x, i32x4.splat(0x80000000));
  return v128.or(t, signBit);
}

/** x·(1 − x) lane-wise: the derivative of σ written in terms of its output. */
@inline export function dsigmoid4(s: v128): v128 {
  return f32x4.mul(s, f32x4.sub(f32x4.splat(1.0), s));
}

/** 1 − x² lane-wise: the derivative of tanh written in terms of its output. */
@inline export function dtanh4(t: v128): v128 {
  return f32x4.sub(f32x4.splat(1.0), f32x4.mul(t, t));
}
