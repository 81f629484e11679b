import type { Window2D } from '../catalog/spatial';
import type { Buf } from '../util/tensor';

/*
 * im2col turns a convolution into one matrix product: every output position gets a column holding the
 * input values under the kernel there, so  Y[F, Ho·Wo] = W[F, C·kh·kw] · col[C·kh·kw, Ho·Wo].
 * Rows of col are ordered (channel, kernel row, kernel column) — PyTorch's weight layout [F, C, kh, kw].
 * col2im is its adjoint: it adds each column entry back onto the input value it was copied from.
 */

/** col[(c·kh + i)·kw + j, oy·Wo + ox] = x[c0 + c, oy·sh − padTop + i·dh, ox·sw − padLeft + j·dw] (0 outside). */
export function im2col(x: Buf, xOff: number, c0: number, channels: number, g: Window2D, col: Buf): void {
  const { H, W, kh, kw, sh, sw, dh, dw, padTop, padLeft, Ho, Wo } = g;
  const plane = Ho * Wo;
  let row = 0;
  for (let c = 0; c < channels; c++) {
    const xc = xOff + (c0 + c) * H * W;
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++, row++) {
        const r = row * plane;
        for (let oy = 0; oy < Ho; oy++) {
          const y = oy * sh - padTop + i * dh;
          const o = r + oy * Wo;
          if (y < 0 || y >= H) {
            for (let ox = 0; ox < Wo; ox++) col[o + ox] = 0;
            continue;
          }
          // Columns ox in [lo, hi) read inside the row; the rest are padding. Bounds once per row, not per value.
          const x0 = j * dw - padLeft;
          const lo = firstInside(x0, sw, Wo), hi = endInside(x0, sw, W, Wo);
          const xr = xc + y * W + x0;
          for (let ox = 0; ox < lo; ox++) col[o + ox] = 0;
          if (sw === 1) for (let ox = lo; ox < hi; ox++) col[o + ox] = x[xr + ox]!;
          else for (let ox = lo; ox < hi; ox++) col[o + ox] = x[xr + ox * sw]!;
          for (let ox = Math.max(lo, hi); ox < Wo; ox++) col[o + ox] = 0;
        }
      }
    }
  }
}

/** dx[c0 + c, …] += dcol entries, the exact reverse of im2col's copies (padding positions are dropped). */
export function col2imAdd(dcol: Buf, c0: number, channels: number, g: Window2D, dx: Buf, xOff: number): void {
  const { H, W, kh, kw, sh, sw, dh, dw, padTop, padLeft, Ho, Wo } = g;
  const plane = Ho * Wo;
  let row = 0;
  for (let c = 0; c < channels; c++) {
    const xc = xOff + (c0 + c) * H * W;
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++, row++) {
        const r = row * plane;
        for (let oy = 0; oy < Ho; oy++) {
          const y = oy * sh - padTop + i * dh;
          if (y < 0 || y >= H) continue;
          const o = r + oy * Wo;
          const x0 = j * dw - padLeft;
          const lo = firstInside(x0, sw, Wo), hi = endInside(x0, sw, W, Wo);
          const xr = xc + y * W + x0;
          for (let ox = lo; ox < hi; ox++) dx[xr + ox * sw] += dcol[o + ox]!;
        }
      }
    }
  }
}

/** The first output column whose input column x0 + ox·sw is ≥ 0 (capped at Wo). */
function firstInside(x0: number, sw: number, Wo: number): number {
  return x0 >= 0 ? 0 : Math.min(Wo, Math.ceil(-x0 / sw));
}

/** One past the last output column whose input column x0 + ox·sw is < W (at least 0, at most Wo). */
function endInside(x0: number, sw: number, W: number, Wo: number): number {
  return Math.max(0, Math.min(Wo, Math.floor((W - 1 - x0) / sw) + 1));
}
