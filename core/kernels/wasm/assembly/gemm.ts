// AssemblyScript (compiled by scripts/build-wasm.mjs, not by tsc): f32 matrix products with 128-bit SIMD.
// All pointers are byte addresses in the imported memory (the Executor's arena); matrices are row-major.
// Every output element sums its products in ascending reduction order, starting from its initial value,
// like the TS reference in core/kernels/matmul.ts, so the two differ only by f32 vs f64 rounding.

/** Reduction block: keeps a KC-row strip of B (8 columns) in L1 while the row blocks of A stream by. */
const KC: i32 = 256;

/** 4 rows × 8 columns of C, reduction p in [0, P). A(r, p) at a + r·ars + p·aps (bytes), B row stride ldb. */
@inline function tile4x8(a: usize, ars: usize, aps: usize, b: usize, ldb: usize, c: usize, ldc: usize, P: i32): void {
  let c00 = v128.load(c), c01 = v128.load(c, 16);
  let c10 = v128.load(c + ldc), c11 = v128.load(c + ldc, 16);
  let c20 = v128.load(c + 2 * ldc), c21 = v128.load(c + 2 * ldc, 16);
  let c30 = v128.load(c + 3 * ldc), c31 = v128.load(c + 3 * ldc, 16);
  let a0 = a, a1 = a + ars, a2 = a + 2 * ars, a3 = a + 3 * ars;
  for (let p = 0; p < P; p++) {
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let s = f32x4.splat(load<f32>(a0));
    c00 = f32x4.add(c00, f32x4.mul(s, b0)); c01 = f32x4.add(c01, f32x4.mul(s, b1));
    s = f32x4.splat(load<f32>(a1));
    c10 = f32x4.add(c10, f32x4.mul(s, b0)); c11 = f32x4.add(c11, f32x4.mul(s, b1));
    s = f32x4.splat(load<f32>(a2));
    c20 = f32x4.add(c20, f32x4.mul(s, b0)); c21 = f32x4.add(c21, f32x4.mul(s, b1));
    s = f32x4.splat(load<f32>(a3));
    c30 = f32x4.add(c30, f32x4.mul(s, b0)); c31 = f32x4.add(c31, f32x4.mul(s, b1));
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
    const s = f32x4.splat(load<f32>(a));
    c0 = f32x4.add(c0, f32x4.mul(s, v128.load(b)));
    c1 = f32x4.add(c1, f32x4.mul(s, v128.load(b, 16)));
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
    c0 = f32x4.add(c0, f32x4.mul(f32x4.splat(load<f32>(a0)), b0));
    c1 = f32x4.add(c1, f32x4.mul(f32x4.splat(load<f32>(a1)), b0));
    c2 = f32x4.add(c2, f32x4.mul(f32x4.splat(load<f32>(a2)), b0));
    c3 = f32x4.add(c3, f32x4.mul(f32x4.splat(load<f32>(a3)), b0));
    a0 += aps; a1 += aps; a2 += aps; a3 += aps;
    b += ldb;
  }
  v128.store(c, c0); v128.store(c + ldc, c1); v128.store(c + 2 * ldc, c2); v128.store(c + 3 * ldc, c3);
}

@inline function tile1x4(a: usize, aps: usize, b: usize, ldb: usize, c: usize, P: i32): void {
  let c0 = v128.load(c);
  for (let p = 0; p < P; p++) {
    c0 = f32x4.add(c0, f32x4.mul(f32x4.splat(load<f32>(a)), v128.load(b)));
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
 */
export function gemm(a: usize, ars: i32, aps: i32, b: usize, c: usize, M: i32, P: i32, N: i32, init: i32, bias: usize): void {
  const ldc = <usize>N << 2;
  if (init == 1) memory.fill(c, 0, <usize>M * ldc);
  else if (init == 2) for (let i = 0; i < M; i++) memory.copy(c + <usize>i * ldc, bias, ldc);
  const arsB = <usize>ars << 2, apsB = <usize>aps << 2, ldb = <usize>N << 2;
  const N8 = N & ~7, N4 = N & ~3, M4 = M & ~3;
  for (let p0 = 0; p0 < P; p0 += KC) {
    const kc = min(KC, P - p0);
    const ap = a + <usize>p0 * apsB, bp = b + <usize>p0 * ldb;
    // Row blocks outer: a block's A panel (4 rows × kc) stays in L1 while it meets every column strip of B.
    let i = 0;
    for (; i < M4; i += 4) {
      const ai = ap + <usize>i * arsB, ci = c + <usize>i * ldc;
      for (let j = 0; j < N8; j += 8) tile4x8(ai, arsB, apsB, bp + (<usize>j << 2), ldb, ci + (<usize>j << 2), ldc, kc);
      if (N4 > N8) tile4x4(ai, arsB, apsB, bp + (<usize>N8 << 2), ldb, ci + (<usize>N8 << 2), ldc, kc);
    }
    for (; i < M; i++) {
      const ai = ap + <usize>i * arsB, ci = c + <usize>i * ldc;
      for (let j = 0; j < N8; j += 8) tile1x8(ai, apsB, bp + (<usize>j << 2), ldb, ci + (<usize>j << 2), kc);
      if (N4 > N8) tile1x4(ai, apsB, bp + (<usize>N8 << 2), ldb, ci + (<usize>N8 << 2), kc);
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
  for (; j + 4 <= N; j += 4) acc = f32x4.add(acc, f32x4.mul(v128.load(x + (<usize>j << 2)), v128.load(y + (<usize>j << 2))));
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
        s00 = f32x4.add(s00, f32x4.mul(x0, y)); s10 = f32x4.add(s10, f32x4.mul(x1, y));
        y = v128.load(b1 + o);
        s01 = f32x4.add(s01, f32x4.mul(x0, y)); s11 = f32x4.add(s11, f32x4.mul(x1, y));
        y = v128.load(b2 + o);
        s02 = f32x4.add(s02, f32x4.mul(x0, y)); s12 = f32x4.add(s12, f32x4.mul(x1, y));
        y = v128.load(b3 + o);
        s03 = f32x4.add(s03, f32x4.mul(x0, y)); s13 = f32x4.add(s13, f32x4.mul(x1, y));
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
