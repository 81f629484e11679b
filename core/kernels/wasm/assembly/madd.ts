// AssemblyScript: the one multiply-add every SIMD kernel uses. The module is built twice from the same
// sources (scripts/build-wasm.mjs): plain SIMD, where this is a multiply then an add (two roundings), and
// relaxed SIMD, where it is relaxed_madd — a fused multiply-add (one rounding) on CPUs that have FMA.
// Which one a run uses is fixed when the engine starts, so a given runtime and seed stay bit-identical.

/** c + a·b, lane-wise. */
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}
