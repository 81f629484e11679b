import { describe, expect, it } from 'vitest';
import { Arena } from '../../../core/engine/arena';
import { wasmKernelsFor } from '../../../core/kernels/gemm';
import type { OptimizerConfig } from '../../../core/graph/schema';
import { runOptimizer as run } from './helpers/optimizer-run';

/**
 * The wasm Adam loop computes in f64 like the TS one, so the weights must be bit-identical — with and
 * without AdamW's decoupled decay, over several steps (moments and bias corrections evolve).
 */
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
