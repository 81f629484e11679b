// AssemblyScript (compiled by scripts/build-wasm.mjs, not by tsc): f32 matrix products with 128-bit SIMD.
// All pointers are byte addresses in the imported memory (the Executor's arena); matrices are row-major.
// Every output element sums its products in ascending reduction order, starting from its initial value,
// like the TS reference in core/kernels/matmul.ts, so the two differ only by f32 vs f64 rounding (and, in
// the relaxed-SIMD build, by the fused multiply-add's single rounding; see madd.ts).

import { madd } from './madd';
import { PACK_A, PACK_B } from './scratch';

/** Reduction block: a packed KC × 8 strip of B (8 KiB) stays in L1 while a row block of A meets it. */
const KC: i32 = 256;
/** Column block: a packed KC × NC block of B (256 KiB) stays in L2 while every row block of A passes. */
const NC: i32 = 256;

/*
 * Packing. Strided walks through B (row stride N floats) and through a transposed A (stride M floats) map
 * onto a handful of cache sets when the stride is a multiple of 1 KiB (N = 256, 512, …), so those sizes
 * thrashed L1 (the "H = 256 cliff"). The kernels therefore copy the block they are about to reuse into a
 * contiguous scratch area first: B as strips of 8 columns ([strip][p][8]), a transposed A row block as
 * [p][4]. Packing moves values, never adds them, so results are exactly those of the unpacked loops.
 */

/** B[p0.., j0..] (kc rows × nc columns, nc a multiple of 8) → PACK_B as nc/8 strips of kc × 8 floats. */
@inline function packB(b: usize, ldb: usize, kc: i32, nc: i32): void {
  let dst = PACK_B;
  for (let j = 0; j < nc; j += 8) {
    let src = b + (<usize>j << 2);
    for (let p = 0; p < kc; p++) {
      v128.store(dst, v128.load(src));
      v128.store(dst, v128.load(src, 16), 16);
      dst += 32;
      src += ldb;
    }
  }
}

/** 4 consecutive rows of a transposed A (A(i, p) at a + i·4 + p·aps) → PACK_A as kc × 4 floats. */
@inline function packA4(a: usize, aps: usize, kc: i32): void {
  let dst = PACK_A;
  for (let p = 0; p < kc; p++) {
    v128.store(dst, v128.load(a));
    dst += 16;
    a += aps;
  }
}

/** 4 rows × 8 columns of C, reduction p in [0, P). A(r, p) at a + r·ars + p·aps (bytes), B row stride ldb. */
@inline function tile4x8(a: usize, ars: usize, aps: usize, b: usize, ldb: usize, c: usize, ldc: usize, P: i32): void {
  let c00 = v128.load(c), c01 = v128.load(c, 16);
  let c10 = v128.load(c + ldc), c11 = v128.load(c + ldc, 16);
  let c20 = v128.load(c + 2 * ldc), c21 = v128.load(c + 2 * ldc, 16);
  let c30 = v128.load(c + 3 * ldc), c31 = v128.load(c + 3 * ldc, 16);
  let a0 = a, a1 = a + ars, a2 = a + 2 * ars, a3 = a + 3 * ars;
  for (let p = 0; p < P; p++) {
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let s = v128.load32_splat(a0);
    c00 = madd(s, b0, c00); c01 = madd(s, b1, c01);
    s = v128.load32_splat(a1);
    c10 = madd(s, b0, c10); c11 = madd(s, b1, c11);
    s = v128.load32_splat(a2);
    c20 = madd(s, b0, c20); c21 = madd(s, b1, c21);
    s = v128.load32_splat(a3);
    c30 = madd(s, b0, c30); c31 = madd(s, b1, c31);
    a0 += aps; a1 += aps; a2 += aps; a3 += aps;
    b += ldb;
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(c + ldc, c10); v128.store(c + ldc, c11, 16);
  v128.store(c + 2 * ldc, c20); v128.store(c + 2 * ldc, c21, 16);
  v128.store(c + 3 * ldc, c30); v128.store(c + 3 * ldc, c31, 16);
}

/** 1 row × 8 columns (the rows left over below the last 4-row block). */
@inline function tile1x8(a: usize, aps: usize, b: usize, ldb: usize, c: usize, P: i32): void {
  let c0 = v128.load(c), c1 = v128.load(c, 16);
  for (let p = 0; p < P; p++) {
    const s = v128.load32_splat(a);
    c0 = madd(s, v128.load(b), c0);
    c1 = madd(s, v128.load(b, 16), c1);
    a += aps;
    b += ldb;
  }
  v128.store(c, c0); v128.store(c, c1, 16);
}

/** 4 rows × 4 columns. */
@inline function tile4x4(a: usize, ars: usize, aps: usize, b: usize, ldb: usize, c: usize, ldc: usize, P: i32): void {
  let c0 = v128.load(c), c1 = v128.load(c + ldc), c2 = v128.load(c + 2 * ldc), c3 = v128.load(c + 3 * ldc);
  let a0 = a, a1 = a + ars, a2 = a + 2 * ars, a3 = a + 3 * ars;
  for (let p = 0; p < P; p++) {
    const b0 = v128.load(b);
    c0 = madd(v128.load32_splat(a0), b0, c0);
    c1 = madd(v128.load32_splat(a1), b0, c1);
    c2 = madd(v128.load32_splat(a2), b0, c2);
    c3 = madd(v128.load32_splat(a3), b0, c3);
    a0 += aps; a1 += aps; a2 += aps; a3 += aps;
    b += ldb;
  }
  v128.store(c, c0); v128.store(c + ldc, c1); v128.store(c + 2 * ldc, c2); v128.store(c + 3 * ldc, c3);
}

@inline function tile1x4(a: usize, aps: usize, b: usize, ldb: usize, c: usize, P: i32): void {
  let c0 = v128.load(c);
  for (let p = 0; p < P; p++) {
    c0 = madd(v128.load32_splat(a), v128.load(b), c0);
    a += aps;
    b += ldb;
  }
  v128.store(c, c0);
}

/** One column of C, scalar (the columns left over right of the last 4-wide block). */
@inline function column(a: usize, ars: usize, aps: usize, b: usize, ldb: usize, c: usize, ldc: usize, M: i32, P: i32): void {
  for (let i = 0; i < M; i++) {
    let s = load<f32>(c);
    let ap = a, bp = b;
    for (let p = 0; p < P; p++) {
      s += load<f32>(ap) * load<f32>(bp);
      ap += aps;
      bp += ldb;
    }
    store<f32>(c, s);
    a += ars;
    c += ldc;
  }
}

/**
 * C[M,N] += Σ_p A(i,p)·B[p,j] over p < P, with A strided: element (i, p) at a + 4·(i·ars + p·aps).
 * A·B is (ars = P, aps = 1); Aᵀ·B with A stored [P, M] is (ars = 1, aps = M).
 * init: 0 accumulate onto C, 1 start from zero, 2 start from the bias row at `bias` (N values).
 * Blocked KC (reduction) × NC (columns) × 4 rows; p blocks run in ascending order and each C element
 * accumulates in place, so every element still sums its products in ascending p from its initial value.
 */
export function gemm(a: usize, ars: i32, aps: i32, b: usize, c: usize, M: i32, P: i32, N: i32, init: i32, bias: usize): void {
  const ldc = <usize>N << 2;
  if (init == 1) memory.fill(c, 0, <usize>M * ldc);
  else if (init == 2) for (let i = 0; i < M; i++) memory.copy(c + <usize>i * ldc, bias, ldc);
  const arsB = <usize>ars << 2, apsB = <usize>aps << 2, ldb = <usize>N << 2;
  const N8 = N & ~7, N4 = N & ~3, M4 = M & ~3;
  // Packing B pays once a strip is reused by at least two row blocks; a transposed A panel always pays
  // (it is met by every strip, and its unpacked walk is the strided one; packA4 reads 4 adjacent rows).
  const packsB = M >= 8;
  const packsA = ars == 1 && aps != 1 && N8 >= 16;
  for (let p0 = 0; p0 < P; p0 += KC) {
    const kc = min(KC, P - p0);
    const ap = a + <usize>p0 * apsB, bp = b + <usize>p0 * ldb;
    for (let j0 = 0; j0 < N8; j0 += NC) {
      const nc = min(NC, N8 - j0);
      const bj = bp + (<usize>j0 << 2);
      if (packsB) packB(bj, ldb, kc, nc);
      const sb: usize = packsB ? PACK_B : bj, ldsb: usize = packsB ? 32 : ldb;
      const strip: usize = packsB ? <usize>kc << 5 : 32;
      let i = 0;
      for (; i < M4; i += 4) {
        let ai = ap + <usize>i * arsB, ars4 = arsB, aps4 = apsB;
        if (packsA) {
          packA4(ai, apsB, kc);
          ai = PACK_A; ars4 = 4; aps4 = 16;
        }
        const ci = c + <usize>i * ldc + (<usize>j0 << 2);
        for (let s = 0; s < nc >> 3; s++) tile4x8(ai, ars4, aps4, sb + <usize>s * strip, ldsb, ci + (<usize>s << 5), ldc, kc);
      }
      for (; i < M; i++) {
        const ai = ap + <usize>i * arsB, ci = c + <usize>i * ldc + (<usize>j0 << 2);
        for (let s = 0; s < nc >> 3; s++) tile1x8(ai, apsB, sb + <usize>s * strip, ldsb, ci + (<usize>s << 5), kc);
      }
    }
    if (N4 > N8) {
      let i = 0;
      for (; i < M4; i += 4) tile4x4(ap + <usize>i * arsB, arsB, apsB, bp + (<usize>N8 << 2), ldb, c + <usize>i * ldc + (<usize>N8 << 2), ldc, kc);
      for (; i < M; i++) tile1x4(ap + <usize>i * arsB, apsB, bp + (<usize>N8 << 2), ldb, c + <usize>i * ldc + (<usize>N8 << 2), kc);
    }
    for (let j = N4; j < N; j++) column(ap, arsB, apsB, bp + (<usize>j << 2), ldb, c + (<usize>j << 2), ldc, M, kc);
  }
}

@inline function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

/** Dot product of two length-N f32 rows, 4 lanes then a scalar tail. */
@inline function dot(x: usize, y: usize, N: i32): f32 {
  let acc = f32x4.splat(0);
  let j = 0;
  for (; j + 4 <= N; j += 4) acc = madd(v128.load(x + (<usize>j << 2)), v128.load(y + (<usize>j << 2)), acc);
  let s = hsum(acc);
  for (; j < N; j++) s += load<f32>(x + (<usize>j << 2)) * load<f32>(y + (<usize>j << 2));
  return s;
}

/**
 * C[M,K] (+)= A[M,N]·B[K,N]ᵀ: every element is a dot product of two contiguous rows. Blocks of 2 rows of A
 * against 4 rows of B reuse each loaded vector several times. init: 0 accumulate, 1 overwrite.
 */
export function gemmNT(a: usize, b: usize, c: usize, M: i32, N: i32, K: i32, init: i32): void {
  const lda = <usize>N << 2, ldc = <usize>K << 2;
  const N4 = N & ~3, K4 = K & ~3, M2 = M & ~1;
  let i = 0;
  for (; i < M2; i += 2) {
    const a0 = a + <usize>i * lda, a1 = a0 + lda;
    const c0 = c + <usize>i * ldc, c1 = c0 + ldc;
    let k = 0;
    for (; k < K4; k += 4) {
      const b0 = b + <usize>k * lda, b1 = b0 + lda, b2 = b1 + lda, b3 = b2 + lda;
      let s00 = f32x4.splat(0), s01 = f32x4.splat(0), s02 = f32x4.splat(0), s03 = f32x4.splat(0);
      let s10 = f32x4.splat(0), s11 = f32x4.splat(0), s12 = f32x4.splat(0), s13 = f32x4.splat(0);
      let j = 0;
      for (; j < N4; j += 4) {
        const o = <usize>j << 2;
        const x0 = v128.load(a0 + o), x1 = v128.load(a1 + o);
        let y = v128.load(b0 + o);
        s00 = madd(x0, y, s00); s10 = madd(x1, y, s10);
        y = v128.load(b1 + o);
        s01 = madd(x0, y, s01); s11 = madd(x1, y, s11);
        y = v128.load(b2 + o);
        s02 = madd(x0, y, s02); s12 = madd(x1, y, s12);
        y = v128.load(b3 + o);
        s03 = madd(x0, y, s03); s13 = madd(x1, y, s13);
      }
      let r00 = hsum(s00), r01 = hsum(s01), r02 = hsum(s02), r03 = hsum(s03);
      let r10 = hsum(s10), r11 = hsum(s11), r12 = hsum(s12), r13 = hsum(s13);
      for (; j < N; j++) {
        const o = <usize>j << 2;
        const x0 = load<f32>(a0 + o), x1 = load<f32>(a1 + o);
        const y0 = load<f32>(b0 + o), y1 = load<f32>(b1 + o), y2 = load<f32>(b2 + o), y3 = load<f32>(b3 + o);
        r00 += x0 * y0; r01 += x0 * y1; r02 += x0 * y2; r03 += x0 * y3;
        r10 += x1 * y0; r11 += x1 * y1; r12 += x1 * y2; r13 += x1 * y3;
      }
      const ck = <usize>k << 2;
      if (init == 0) {
        r00 += load<f32>(c0 + ck); r01 += load<f32>(c0 + ck, 4); r02 += load<f32>(c0 + ck, 8); r03 += load<f32>(c0 + ck, 12);
        r10 += load<f32>(c1 + ck); r11 += load<f32>(c1 + ck, 4); r12 += load<f32>(c1 + ck, 8); r13 += load<f32>(c1 + ck, 12);
      }
      store<f32>(c0 + ck, r00); store<f32>(c0 + ck, r01, 4); store<f32>(c0 + ck, r02, 8); store<f32>(c0 + ck, r03, 12);
      store<f32>(c1 + ck, r10); store<f32>(c1 + ck, r11, 4); store<f32>(c1 + ck, r12, 8); store<f32>(c1 + ck, r13, 12);
    }
    for (; k < K; k++) {
      const bk = b + <usize>k * lda, ck = <usize>k << 2;
      const r0 = dot(a0, bk, N), r1 = dot(a1, bk, N);
      store<f32>(c0 + ck, init == 0 ? load<f32>(c0 + ck) + r0 : r0);
      store<f32>(c1 + ck, init == 0 ? load<f32>(c1 + ck) + r1 : r1);
    }
  }
  for (; i < M; i++) {
    const a0 = a + <usize>i * lda, c0 = c + <usize>i * ldc;
    for (let k = 0; k < K; k++) {
      const ck = <usize>k << 2;
      const r = dot(a0, b + <usize>k * lda, N);
      store<f32>(c0 + ck, init == 0 ? load<f32>(c0 + ck) + r : r);
    }
  }
}

/** dst[N] += Σ_i src[i, :] over M rows (a bias gradient). */
export function colsum(src: usize, dst: usize, M: i32, N: i32): void {
  const ld = <usize>N << 2;
  const N4 = N & ~3;
  let j = 0;
  for (; j < N4; j += 4) {
    const o = <usize>j << 2;
    let s = v128.load(dst + o);
    let p = src + o;
    for (let i = 0; i < M; i++) {
      s = f32x4.add(s, v128.load(p));
      p += ld;
    }
    v128.store(dst + o, s);
  }
  for (; j < N; j++) {
    const o = <usize>j << 2;
    let s = load<f32>(dst + o);
    let p = src + o;
    for (let i = 0; i < M; i++) {
      s += load<f32>(p);
      p += ld;
    }
    store<f32>(dst + o, s);
  }
}
