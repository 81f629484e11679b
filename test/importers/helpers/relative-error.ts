/**
 * Largest |got − want| / (|want| + 0.01): the relative error of a float32 prediction, i.e. the test
 * `|got − want| < 1e-4·|want| + 1e-6` at a 1e-4 bound (NumPy's allclose with rtol 1e-4, atol 1e-6).
 * The floor is there because an output near zero that comes out of a cancelling sum carries the absolute
 * float32 rounding of its O(1) terms (~1e-7), in PyTorch's answer as in ours: for a SimpleRNN output of
 * −0.00186, PyTorch is 1.8e-5 and NetLoom 1.1e-4 away from the float64 value, both a few ulp of the terms.
 */
export function maxRelativeError(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!) / (Math.abs(want[i]!) + 0.01));
  return worst;
}

/** NumPy's allclose(rtol, atol) as the largest |got − want| / (atol + rtol·|want|): ≤ 1 passes. */
export function allCloseRatio(got: ArrayLike<number>, want: ArrayLike<number>, rtol = 1e-4, atol = 1e-5): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (Number.isNaN(w) && Number.isNaN(g)) continue;
    const r = g === w ? 0 : Math.abs(g - w) / (atol + rtol * Math.abs(w));
    worst = Math.max(worst, Number.isNaN(r) ? Infinity : r);
  }
  return worst;
}
