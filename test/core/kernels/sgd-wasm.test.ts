import { describe, expect, it, vi } from 'vitest';
import { Arena } from '../../../core/engine/arena';
import { wasmKernelsFor } from '../../../core/kernels/gemm';
import type { OptimizerConfig } from '../../../core/graph/schema';
import { runOptimizer as run } from './helpers/optimizer-run';

vi.mock('../../../core/kernels/gemm', { spy: true });

/**
 * The wasm SGD loop (assembly/sgd.ts) computes in f64 like the TS one, so the weights (and the velocity)
 * must be bit-identical — plain, with momentum and with Nesterov momentum, over several steps, on sizes
 * with and without a tail past the last four.
 */
describe('SGD in wasm', () => {
  it.each<[string, OptimizerConfig]>([
    ['plain', { type: 'sgd', lr: 0.1 }],
    ['momentum', { type: 'sgd', lr: 0.03, momentum: 0.9 }],
    ['nesterov', { type: 'sgd', lr: 0.03, momentum: 0.9, nesterov: true }],
  ])('%s gives bit-identical weights to the TS loop', (_name, config) => {
    const arena = Arena.tryCreate(10_000)!;
    vi.mocked(wasmKernelsFor).mockClear();
    const wasm = run(config, arena.alloc);
    // The optimizer found the arena's kernels (so the wasm loop is what ran).
    expect(vi.mocked(wasmKernelsFor).mock.results.some((r) => r.value !== null)).toBe(true);
    vi.mocked(wasmKernelsFor).mockClear();
    const ts = run(config, (n) => new Float32Array(n));
    expect(vi.mocked(wasmKernelsFor).mock.results.every((r) => r.value === null)).toBe(true);
    wasm.end.forEach((p, k) => expect(Array.from(p)).toEqual(Array.from(ts.end[k]!)));
    // And the steps moved every weight (the comparison is not between two untouched copies).
    wasm.end.forEach((p, k) => p.forEach((w, i) => expect(w).not.toBe(wasm.start[k]![i])));
  });
});
