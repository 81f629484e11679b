import { beforeAll, describe, expect, it } from 'vitest';
import { Arena } from '../../../core/engine/arena';
import { gemmFor, referenceGemm, type Gemm } from '../../../core/kernels/gemm';
import { relaxedSimdSupported, type KernelFlavor } from '../../../core/kernels/wasm/module';
import { mulberry32 } from '../../../core/util/rng';

/**
 * The SIMD wasm products must equal the TS reference (core/kernels/matmul.ts) within float tolerance, on
 * shapes that exercise every tail of the blocking: sizes not multiple of 2/4/8, longer than the reduction
 * block (256) and the packed column block (256), element offsets into larger buffers, overwrite and
 * accumulate — for both builds of the kernels: plain SIMD and relaxed-SIMD FMA.
 */
const rng = mulberry32(99);
const FMA = relaxedSimdSupported();
const FMA_SKIP = 'FMA kernels not tested: this runtime has no relaxed SIMD (Node 20 needs --experimental-wasm-relaxed-simd; see test/helpers/relaxed-simd-setup.ts)';

function arenaRandomIn(arena: Arena, size: number): Float32Array {
  const a = arena.alloc(size);
  for (let i = 0; i < size; i++) a[i] = rng.next() * 2 - 1;
  return a;
}

function expectClose(got: Float32Array, want: Float32Array, reduction: number): void {
  // f32 accumulation vs the reference's f64 products: error grows with the reduction length.
  const tol = 1e-6 * Math.max(reduction, 1) + 1e-6;
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!) / Math.max(1, Math.abs(want[i]!)));
  expect(worst).toBeLessThan(tol);
}

const SHAPES: [number, number, number][] = [
  [1, 1, 1], [3, 5, 7], [4, 8, 8], [5, 9, 13], [7, 3, 17], [8, 16, 4], [13, 31, 9], [2, 300, 11], [33, 257, 19], [64, 784, 128], [17, 2, 33],
  // Packed paths: B packed from 8 rows, several column blocks (N > 256), power-of-two strides.
  [9, 600, 523], [64, 256, 256], [12, 513, 36],
];

for (const flavor of ['simd', 'fma'] as KernelFlavor[]) describe.skipIf(flavor === 'fma' && !FMA)(`wasm gemm (${flavor}) equals the TS reference${flavor === 'fma' && !FMA ? ` — ${FMA_SKIP}` : ''}`, () => {
  // Created when the tests run (a skipped FMA block must not try to build an FMA arena).
  let arena!: Arena;
  const arenaRandom = (size: number) => arenaRandomIn(arena, size);
  beforeAll(() => {
    arena = Arena.tryCreate(12_000_000, flavor)!;
  });
  it('is available and picked only for arena f32 buffers', () => {
    expect(arena.flavor).toBe(flavor);
    const a = arena.alloc(4), b = arena.alloc(4);
    expect(gemmFor(a, b).wasm).toBe(true);
    expect(gemmFor(a, new Float32Array(4)).wasm).toBe(false);
    expect(gemmFor(new Float64Array(4)).wasm).toBe(false);
    expect(gemmFor(a, null, undefined).wasm).toBe(true);
  });

  const gemm = (): Gemm => gemmFor(arena.alloc(1));

  for (const [M, K, N] of SHAPES) {
    for (const acc of [false, true]) {
      it(`M=${M} K=${K} N=${N} accumulate=${acc}`, () => {
        const g = gemm();
        const off = 3; // element offsets, so pointers are not 16-byte aligned either
        const A = arenaRandom(off + M * K), B = arenaRandom(off + K * N), C0 = arenaRandom(off + M * N + off);
        const At = arenaRandom(off + M * K), Bt = arenaRandom(off + M * N);
        const Bn = arenaRandom(off + N * K), Cn0 = arenaRandom(off + M * N);
        const check = (run: (G: Gemm, C: Float32Array) => void, c0: Float32Array, red: number) => {
          const want = Float32Array.from(c0);
          const got = arena.alloc(c0.length);
          got.set(c0);
          run(referenceGemm, want);
          run(g, got);
          expectClose(got, want, red);
          // Nothing outside the output range is touched.
          expect(got[0]).toBe(c0[0]);
          expect(got[c0.length - 1]).toBe(want[c0.length - 1]);
        };
        check((G, C) => G.mm(A, off, B, off, C, off, M, K, N, acc), C0, K);
        // Aᵀ·B with A [M,K], B [M,N] → C [K,N]; reuse C0's storage size by shaping C as [K,N].
        check((G, C) => G.mmTA(At, off, Bt, off, C, off, M, K, N, acc), arenaRandom(off + K * N + off), M);
        // A[M,N]·B[K,N]ᵀ → C [M,K]
        check((G, C) => G.mmTB(Cn0, off, Bn, off, C, off, M, N, K, acc), arenaRandom(off + M * K + off), N);
      });
    }
  }

  it('affine (bias + product) and colsum', () => {
    const g = gemm();
    for (const [M, K, N] of SHAPES) {
      const X = arenaRandom(M * K), W = arenaRandom(K * N), b = arenaRandom(N);
      const want = new Float32Array(M * N), got = arena.alloc(M * N);
      referenceGemm.affine(X, W, b, want, M, K, N);
      g.affine(X, W, b, got, M, K, N);
      expectClose(got, want, K);
      const d0 = arenaRandom(N), dWant = Float32Array.from(d0), dGot = arena.alloc(N);
      dGot.set(d0);
      const src = arenaRandom(M * N);
      referenceGemm.colsum(src, dWant, M, N);
      g.colsum(src, dGot, M, N);
      expectClose(dGot, dWant, M);
    }
  });

  it('packing changes no bit: a packed product equals the same rows computed one at a time (unpacked)', () => {
    const g = gemm();
    for (const [M, K, N] of [[12, 300, 40], [9, 257, 264]] as const) {
      const A = arenaRandom(M * K), B = arenaRandom(K * N), b = arenaRandom(N);
      const packed = arena.alloc(M * N), rows = arena.alloc(M * N);
      g.affine(A, B, b, packed, M, K, N);
      for (let i = 0; i < M; i++) {
        rows.set(b, i * N);
        g.mm(A, i * K, B, 0, rows, i * N, 1, K, N, true);
      }
      expect(Array.from(packed)).toEqual(Array.from(rows));
      // Aᵀ·B: the packed transposed-A panel against a copy of A made contiguous (Aᵀ stored [K, M]).
      const At = arena.alloc(K * M);
      for (let i = 0; i < M; i++) for (let k = 0; k < K; k++) At[k * M + i] = A[i * K + k]!;
      const viaTA = arena.alloc(K * N), viaMM = arena.alloc(K * N);
      const dY = arenaRandom(M * N);
      g.mmTA(A, 0, dY, 0, viaTA, 0, M, K, N, false);
      for (let k = 0; k < K; k++) g.mm(At, k * M, dY, 0, viaMM, k * N, 1, M, N, false);
      expect(Array.from(viaTA)).toEqual(Array.from(viaMM));
    }
  });
});
