/**
 * Scalar building blocks shared by several activations, written so that no input (not even ±1000)
 * produces NaN or Infinity. The naive forms fail at the extremes: 1 / (1 + e^-x) is fine, but
 * e^x / (1 + e^x) gives Infinity / Infinity = NaN for x = 1000, and log(1 + e^x) overflows to Infinity.
 */

/** σ(x) = 1 / (1 + e^-x), only ever exponentiating a non-positive number. */
export function sigmoidOf(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * softplus(x) = log(1 + e^x), rewritten as max(x, 0) + log1p(e^-|x|): the exponent is never positive,
 * and log1p keeps full precision when e^-|x| is tiny.
 */
export function softplusOf(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}
