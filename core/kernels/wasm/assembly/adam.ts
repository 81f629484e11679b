// AssemblyScript (compiled by scripts/build-wasm.mjs): the Adam/AdamW update over one f32 tensor.
// It computes in f64 exactly as the TS optimizer does (f32 loads widened to f64, IEEE f64 ops in the same
// order, one rounding to f32 per store), so both paths give bit-identical weights. Two lanes at a time:
// f64x2 add/mul/div/sqrt are correctly rounded per lane, so SIMD changes the speed, not the result.

/** p ← p·keep (AdamW decay, keep = 1 − lr·λ), then the Adam step with PyTorch's bias corrections. */
export function adamStep(
  p: usize, g: usize, m: usize, v: usize, n: i32,
  b1: f64, b2: f64, stepSize: f64, sqrtBc2: f64, eps: f64, keep: f64,
): void {
  const decay = keep != 1.0;
  const B1 = f64x2.splat(b1), B2 = f64x2.splat(b2), C1 = f64x2.splat(1 - b1), C2 = f64x2.splat(1 - b2);
  const S = f64x2.splat(stepSize), Q = f64x2.splat(sqrtBc2), E = f64x2.splat(eps), K = f64x2.splat(keep);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = (<usize>i) << 2;
    let pi = f64x2.promote_low_f32x4(v128.load64_zero(p + o));
    if (decay) pi = f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(f64x2.mul(pi, K)));
    const gi = f64x2.promote_low_f32x4(v128.load64_zero(g + o));
    const mi = f64x2.add(f64x2.mul(B1, f64x2.promote_low_f32x4(v128.load64_zero(m + o))), f64x2.mul(C1, gi));
    const vi = f64x2.add(f64x2.mul(B2, f64x2.promote_low_f32x4(v128.load64_zero(v + o))), f64x2.mul(f64x2.mul(C2, gi), gi));
    v128.store64_lane(m + o, f32x4.demote_f64x2_zero(mi), 0);
    v128.store64_lane(v + o, f32x4.demote_f64x2_zero(vi), 0);
    const upd = f64x2.div(f64x2.mul(S, mi), f64x2.add(f64x2.div(f64x2.sqrt(vi), Q), E));
    v128.store64_lane(p + o, f32x4.demote_f64x2_zero(f64x2.sub(pi, upd)), 0);
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    let pi = <f64>load<f32>(p + o);
    if (decay) pi = <f64><f32>(pi * keep);
    const gi = <f64>load<f32>(g + o);
    const mi = b1 * <f64>load<f32>(m + o) + (1 - b1) * gi;
    const vi = b2 * <f64>load<f32>(v + o) + (1 - b2) * gi * gi;
    store<f32>(m + o, <f32>mi);
    store<f32>(v + o, <f32>vi);
    store<f32>(p + o, <f32>(pi - (stepSize * mi) / (Math.sqrt(vi) / sqrtBc2 + eps)));
  }
}
