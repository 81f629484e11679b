import { createOptimizer } from '../../../../core/engine/optimizers';
import type { OptimizerConfig } from '../../../../core/graph/schema';
import { mulberry32 } from '../../../../core/util/rng';

/** Parameter sizes with and without a tail past the last four lanes. */
export const SIZES = [1, 7, 130, 1000];

/**
 * Five optimizer steps over seeded weights and gradients, in buffers from `alloc` (arena views run the
 * wasm loops, plain arrays the TS ones): the weights before and after, to compare the two paths.
 */
export function runOptimizer(config: OptimizerConfig, alloc: (n: number) => Float32Array): { start: Float32Array[]; end: Float32Array[] } {
  const rng = mulberry32(5);
  const params = SIZES.map((n) => {
    const p = alloc(n);
    for (let i = 0; i < n; i++) p[i] = rng.next() * 2 - 1;
    return p;
  });
  const start = params.map((p) => Float32Array.from(p));
  const grads = SIZES.map((n) => alloc(n));
  const opt = createOptimizer(config, SIZES, alloc);
  for (let step = 0; step < 5; step++) {
    for (const g of grads) for (let i = 0; i < g.length; i++) g[i] = (rng.next() - 0.5) * (step + 1);
    opt.step(params, grads);
  }
  return { start, end: params.map((p) => Float32Array.from(p)) };
}
