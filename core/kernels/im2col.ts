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
          const xr = xc + y * W;
          for (let ox = 0; ox < Wo; ox++) {
            const xx = ox * sw - padLeft + j * dw;
            col[o + ox] = xx >= 0 && xx < W ? x[xr + xx]! : 0;
          }
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
          const xr = xc + y * W;
          for (let ox = 0; ox < Wo; ox++) {
            const xx = ox * sw - padLeft + j * dw;
            if (xx >= 0 && xx < W) dx[xr + xx] += dcol[o + ox]!;
          }
        }
      }
    }
  }
}
