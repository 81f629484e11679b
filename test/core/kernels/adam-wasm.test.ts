import { describe, expect, it } from 'vitest';
import { Arena } from '../../../core/engine/arena';
import { createOptimizer } from '../../../core/engine/optimizers';
import { wasmKernelsFor } from '../../../core/kernels/gemm';
import type { OptimizerConfig } from '../../../core/graph/schema';
import { mulberry32 } from '../../../core/util/rng';

/**
 * The wasm Adam loop computes in f64 like the TS one, so the weights must be bit-identical — with and
 * without AdamW's decoupled decay, over several steps (moments and bias corrections evolve).
 */
const SIZES = [1, 7, 130, 1000];

function run(config: OptimizerConfig, alloc: (n: number) => Float32Array): { start: Float32Array[]; end: Float32Array[] } {
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

describe('Adam in wasm', () => {
  it.each<[string, OptimizerConfig]>([
    ['adam', { type: 'adam', lr: 0.01 }],
    ['adamw', { type: 'adamw', lr: 0.01, weightDecay: 0.1 }],
  ])('%s gives bit-identical weights to the TS loop', (_name, config) => {
    const arena = Arena.tryCreate(10_000)!;
    const probe = arena.alloc(1);
    expect(wasmKernelsFor([probe])).not.toBeNull();
    const wasm = run(config, arena.alloc);
    const ts = run(config, (n) => new Float32Array(n));
    wasm.end.forEach((p, k) => expect(Array.from(p)).toEqual(Array.from(ts.end[k]!)));
    // And the steps moved every weight (the comparison is not between two untouched copies).
    wasm.end.forEach((p, k) => p.forEach((w, i) => expect(w).not.toBe(wasm.start[k]![i])));
  });
});
