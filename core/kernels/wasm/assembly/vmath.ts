// AssemblyScript: f32 exp, sigmoid and tanh four lanes at a time, shared by the recurrent cells (lstm.ts,
// lstm-backward.ts, gru.ts, rnn.ts). The cells are transcendental-bound, so exp is a vector routine: range
// reduction by ln 2 and a degree-6 polynomial (its steps fused in the FMA build), within ~2 ulp of the true
// value — float tolerance of the TS cells (Math.exp / Math.tanh in f64), not bit-identical to them.

import { madd } from './madd';

const LOG2E: f32 = 1.44269504;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
/** 1.5·2²³ and its bit pattern. */
const ROUND_MAGIC: f32 = 12582912.0;
const ROUND_MAGIC_BITS: i32 = 0x4b400000;

/** e^x lane-wise for x clamped to [-87, 88] (results stay normal floats, no inf). */
@inline export function exp4(x0: v128): v128 {
  const x = f32x4.max(f32x4.splat(-87.0), f32x4.min(f32x4.splat(88.0), x0));
  // k = round(x·log2 e) by adding 1.5·2²³: the sum's low mantissa bits are then k as an integer, so 2^k
  // is built from them with integer ops (no float→int conversion, which V8 lowers to a slow sequence).
  const t = madd(x, f32x4.splat(LOG2E), f32x4.splat(ROUND_MAGIC));
  const k = f32x4.sub(t, f32x4.splat(ROUND_MAGIC));
  // Horner steps as madd: one fused instruction each in the FMA build.
  const r = madd(k, f32x4.splat(-LN2_LO), madd(k, f32x4.splat(-LN2_HI), x));
  let p = f32x4.splat(1.0 / 720.0);
  p = madd(p, r, f32x4.splat(1.0 / 120.0));
  p = madd(p, r, f32x4.splat(1.0 / 24.0));
  p = madd(p, r, f32x4.splat(1.0 / 6.0));
  p = madd(p, r, f32x4.splat(0.5));
  p = madd(p, r, f32x4.splat(1.0));
  p = madd(p, r, f32x4.splat(1.0));
  // (bits(t) − bits(1.5·2²³)) = k; the exponent field of 2^k is k + 127.
  const scale = i32x4.shl(i32x4.sub(t, i32x4.splat(ROUND_MAGIC_BITS - 127)), 23);
  return f32x4.mul(p, scale);
}

@inline export function sigmoid4(x: v128): v128 {
  const one = f32x4.splat(1.0);
  return f32x4.div(one, f32x4.add(one, exp4(f32x4.neg(x))));
}

/**
 * tanh x = sign(x)·(1 − e^{−2|x|}) / (1 + e^{−2|x|}) — no overflow for large |x| — except for |x| < 0.3,
 * where 1 − e^{−2|x|} would cancel (relative error ~ 3e-8/|x|: 1e-4 at |x| = 3e-4, which small hidden
 * states reach) and the odd Taylor series to x⁹ is used instead (its first omitted term is < 1e-7 of x).
 */
@inline export function tanh4(x: v128): v128 {
  const one = f32x4.splat(1.0);
  const ax = f32x4.abs(x);
  const e = exp4(f32x4.mul(f32x4.splat(-2.0), ax));
  const big = f32x4.div(f32x4.sub(one, e), f32x4.add(one, e));
  const x2 = f32x4.mul(ax, ax);
  let q = f32x4.splat(<f32>(62.0 / 2835.0));
  q = madd(q, x2, f32x4.splat(<f32>(-17.0 / 315.0)));
  q = madd(q, x2, f32x4.splat(<f32>(2.0 / 15.0)));
  q = madd(q, x2, f32x4.splat(<f32>(-1.0 / 3.0)));
  const small = madd(f32x4.mul(q, x2), ax, ax);
  const t = v128.bitselect(small, big, f32x4.lt(ax, f32x4.splat(0.3)));
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
