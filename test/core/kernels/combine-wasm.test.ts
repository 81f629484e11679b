import { describe, expect, it } from 'vitest';
import { Arena } from '../../../core/engine/arena';
import { wasmKernelsFor } from '../../../core/kernels/gemm';
import { mulberry32 } from '../../../core/util/rng';

/** The wasm combination of two data-parallel halves gives exactly the TS loop's bits (both compute in f64). */
describe('combineHalves (wasm)', () => {
  it('equals g = w0·g + w1·h in f64 rounded once, for odd lengths and uneven halves', () => {
    const arena = Arena.tryCreate(10_000)!;
    const rng = mulberry32(3);
    for (const [n, n0, n1] of [[1, 1, 1], [7, 17, 15], [1001, 32, 32], [64, 5, 3]] as const) {
      const g = arena.alloc(n), h = arena.alloc(n);
      for (let i = 0; i < n; i++) {
        g[i] = (rng.next() * 2 - 1) * 10 ** (rng.int(6) - 3);
        h[i] = (rng.next() * 2 - 1) * 10 ** (rng.int(6) - 3);
      }
      const w0 = n0 / (n0 + n1), w1 = n1 / (n0 + n1);
      const want = Float32Array.from(g, (v, i) => w0 * v + w1 * h[i]!);
      wasmKernelsFor([g, h])!.combineHalves(g.byteOffset, h.byteOffset, n, w0, w1);
      expect(Array.from(g)).toEqual(Array.from(want));
    }
  });
});
