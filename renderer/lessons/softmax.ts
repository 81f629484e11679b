/**
 * softmax(scores / T): the probabilities the softmax lesson draws. T > 1 flattens them towards equal,
 * T < 1 sharpens them towards the largest score. The row max is subtracted first so that no exponent is
 * positive (large scores cannot overflow); that changes nothing mathematically.
 */
export function softmaxWithTemperature(scores: ArrayLike<number>, temperature: number): number[] {
  const t = Math.max(temperature, 1e-6);
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) max = Math.max(max, scores[i]! / t);
  const exps = Array.from(scores, (s) => Math.exp(s / t - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}
