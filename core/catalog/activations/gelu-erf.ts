import type { ActivationFn } from './types';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * erfc(z) to double precision, in two pieces that each avoid cancellation:
 * - |z| < 3: erf(z) = (2/√π)·e^(−z²)·Σ 2ⁿ z^(2n+1) / (1·3·…·(2n+1)), a series of positive terms;
 * - z ≥ 3: the continued fraction erfc(z) = e^(−z²)/√π · 1/(z + ½/(z + 1/(z + (3/2)/(z + …)))),
 *   evaluated from a fixed depth back, which keeps full relative accuracy in the far tail where
 *   GELU of a large negative input is a tiny x·Φ(x).
 */
export function erfcOf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const a = Math.abs(z);
  if (a < 3) {
    let term = a;
    let sum = a;
    for (let n = 1; n < 100 && term > 1e-17 * sum; n++) {
      term *= (2 * a * a) / (2 * n + 1);
      sum += term;
    }
    const erf = TWO_OVER_SQRT_PI * Math.exp(-a * a) * sum;
    return z >= 0 ? 1 - erf : 1 + erf;
  }
  let f = a;
  for (let n = 60; n >= 1; n--) f = a + n / 2 / f;
  const tail = Math.exp(-a * a) / (Math.sqrt(Math.PI) * f);
  return z >= 0 ? tail : 2 - tail;
}

const INV_SQRT2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Φ(x), the standard normal distribution function, as ½·erfc(−x/√2). */
export const normalCdf = (x: number): number => 0.5 * erfcOf(-x * INV_SQRT2);

/**
 * The exact GELU, x·Φ(x): PyTorch's nn.GELU() default and what torch.onnx.export writes as
 * Div(x, √2) → Erf → Add 1 → Mul x → Mul ½. NetLoom's `gelu` is the tanh approximation, which
 * differs from this by up to about 5e-4: enough to fail an imported model's agreement with PyTorch.
 */
export const geluErf: ActivationFn = {
  fn: 'gelu_erf',
  title: 'GELU (exact)',
  explanation:
    'x · Φ(x), where Φ(x) is the chance that a standard normal value is below x: the exact form of GELU, and PyTorch\'s nn.GELU() default. It follows the tanh-approximated GELU to within about 0.0005; use it to match a model trained with the exact form.',
  params: {},
  f: (x) => x * normalCdf(x),
  // Product rule: Φ(x) + x·φ(x), with φ the standard normal density.
  df: (x) => normalCdf(x) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x),
};
