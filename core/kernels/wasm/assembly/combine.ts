// AssemblyScript (compiled by scripts/build-wasm.mjs): the data-parallel combination of two halves'
// gradients, g ← w0·g + w1·h, computed in f64 exactly like the TS loop in core/engine/data-parallel.ts
// (f32 loads widened, one f64 multiply each, one add, one rounding to f32), so both give the same bits.

export function combineHalves(g: usize, h: usize, n: i32, w0: f64, w1: f64): void {
  const W0 = f64x2.splat(w0), W1 = f64x2.splat(w1);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = (<usize>i) << 2;
    const gi = f64x2.promote_low_f32x4(v128.load64_zero(g + o));
    const hi = f64x2.promote_low_f32x4(v128.load64_zero(h + o));
    v128.store64_lane(g + o, f32x4.demote_f64x2_zero(f64x2.add(f64x2.mul(W0, gi), f64x2.mul(W1, hi))), 0);
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    store<f32>(g + o, <f32>(w0 * <f64>load<f32>(g + o) + w1 * <f64>load<f32>(h + o)));
  }
}
