// AssemblyScript: a stride-1, dilation-1 convolution's forward computed straight from the input, without
// im2col: each register tile holds 4 filters × 8 neighbouring outputs of one output row and runs over the
// taps (c, i, j) in ascending order, starting from the bias — the same multiply-adds in the same order as
// im2col followed by the GEMM onto the bias rows (conv.ts, gemm.ts). In the plain SIMD build the two give
// identical bits; in the FMA build they differ only where that GEMM finishes the last P mod 4 output
// positions in scalar code (multiply, then add) instead of fused.
// A map that needs padding is first copied into a zero-bordered scratch plane; rows narrower than 8 outputs
// are left to the im2col path (the caller checks). A row's last block overlaps the previous one when Wo is
// not a multiple of 8: each output is computed whole, so the overlap rewrites the same values.

import { madd } from './madd';
import { PACK_A } from './scratch';

/*
 * The taps run as one flat loop over a table of their input offsets (c·plane + i·row + j, in bytes), built
 * once per call in the GEMM's transposed-A panel scratch (free while no GEMM runs): nested c/i/j loops of 5
 * or so steps cost half the tile's speed in loop overhead. The table holds at most DIRECT_MAX_TAPS entries.
 */
const OFFSETS: usize = PACK_A;
/** Entries the offset table may hold (PACK_A is 256 × 4 floats). */
export const DIRECT_MAX_TAPS: i32 = 1024;

/** Four filters (weights at w, rows Kc bytes apart) × 8 outputs at y (rows yRow bytes apart). */
@inline function tile4(xp: usize, taps: i32, w: usize, Kc: usize, y: usize, yRow: usize, b0: v128, b1: v128, b2: v128, b3: v128): void {
  let a00 = b0, a01 = b0, a10 = b1, a11 = b1, a20 = b2, a21 = b2, a30 = b3, a31 = b3;
  let wp = w, op = OFFSETS;
  for (let t = 0; t < taps; t++, wp += 4, op += 4) {
    const xr = xp + <usize>load<i32>(op);
    const x0 = v128.load(xr), x1 = v128.load(xr, 16);
    let s = v128.load32_splat(wp);
    a00 = madd(s, x0, a00); a01 = madd(s, x1, a01);
    s = v128.load32_splat(wp + Kc);
    a10 = madd(s, x0, a10); a11 = madd(s, x1, a11);
    s = v128.load32_splat(wp + 2 * Kc);
    a20 = madd(s, x0, a20); a21 = madd(s, x1, a21);
    s = v128.load32_splat(wp + 3 * Kc);
    a30 = madd(s, x0, a30); a31 = madd(s, x1, a31);
  }
  v128.store(y, a00); v128.store(y, a01, 16);
  v128.store(y + yRow, a10); v128.store(y + yRow, a11, 16);
  v128.store(y + 2 * yRow, a20); v128.store(y + 2 * yRow, a21, 16);
  v128.store(y + 3 * yRow, a30); v128.store(y + 3 * yRow, a31, 16);
}

/** One filter × 8 outputs (the filters left over below a multiple of 4). */
@inline function tile1(xp: usize, taps: i32, w: usize, y: usize, b0: v128): void {
  let a0 = b0, a1 = b0;
  let wp = w, op = OFFSETS;
  for (let t = 0; t < taps; t++, wp += 4, op += 4) {
    const xr = xp + <usize>load<i32>(op);
    const s = v128.load32_splat(wp);
    a0 = madd(s, v128.load(xr), a0);
    a1 = madd(s, v128.load(xr, 16), a1);
  }
  v128.store(y, a0); v128.store(y, a1, 16);
}

/**
 * Y[s, f, oy, ox] = b[f] + Σ_{c,i,j} W[f, c, i, j]·x[s, c, oy − padTop + i, ox − padLeft + j] for n samples,
 * Wo ≥ 8, at most DIRECT_MAX_TAPS taps (C·kh·kw). b = 0: no bias. pad: scratch for one sample's zero-bordered input, C × (Ho+kh−1) × (Wo+kw−1)
 * floats, used when any padding is non-zero.
 */
export function convDirectForward(x: usize, w: usize, b: usize, y: usize, pad: usize, n: i32, C: i32, H: i32, W: i32, F: i32, kh: i32, kw: i32, padTop: i32, padLeft: i32, Ho: i32, Wo: i32): void {
  const Hp = Ho + kh - 1, Wp = Wo + kw - 1;
  const padded = padTop != 0 || padLeft != 0 || Hp != H || Wp != W;
  const xPlane = <usize>(Hp * Wp) << 2, xRow = <usize>Wp << 2;
  const Kc = <usize>(C * kh * kw) << 2, yRow = <usize>Wo << 2, yPlane = <usize>(Ho * Wo) << 2;
  const F4 = F & ~3, taps = C * kh * kw;
  let t: usize = OFFSETS;
  for (let c = 0; c < C; c++) for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++, t += 4) store<i32>(t, <i32>(<usize>c * xPlane + <usize>i * xRow) + j * 4);
  if (padded) memory.fill(pad, 0, <usize>C * xPlane);
  for (let s = 0; s < n; s++) {
    let xp = x + <usize>(s * C * H * W) * 4;
    if (padded) {
      // Only the interior changes from sample to sample; the zero border stays.
      for (let c = 0; c < C; c++) {
        for (let r = 0; r < H; r++) {
          memory.copy(pad + <usize>c * xPlane + <usize>(r + padTop) * xRow + (<usize>padLeft << 2), xp + (<usize>((c * H + r) * W) << 2), <usize>W << 2);
        }
      }
      xp = pad;
    }
    const ys = y + <usize>(s * F) * yPlane;
    for (let oy = 0; oy < Ho; oy++) {
      for (let ox0 = 0; ox0 < Wo; ox0 += 8) {
        const ox = min(ox0, Wo - 8);
        const xo = xp + <usize>oy * xRow + (<usize>ox << 2);
        const yo = ys + <usize>oy * yRow + (<usize>ox << 2);
        let f = 0;
        for (; f < F4; f += 4) {
          const zero = f32x4.splat(0);
          const b0 = b ? v128.load32_splat(b + (<usize>f << 2)) : zero, b1 = b ? v128.load32_splat(b + (<usize>(f + 1) << 2)) : zero;
          const b2 = b ? v128.load32_splat(b + (<usize>(f + 2) << 2)) : zero, b3 = b ? v128.load32_splat(b + (<usize>(f + 3) << 2)) : zero;
          tile4(xo, taps, w + <usize>f * Kc, Kc, yo + <usize>f * yPlane, yPlane, b0, b1, b2, b3);
        }
        for (; f < F; f++) {
          const b0 = b ? v128.load32_splat(b + (<usize>f << 2)) : f32x4.splat(0);
          tile1(xo, taps, w + <usize>f * Kc, yo + <usize>f * yPlane, b0);
        }
      }
    }
  }
}
