// AssemblyScript: the data movement around a convolution's matrix products — im2col and its adjoint,
// the per-filter bias, and the bias gradient. Same copies and sums as core/kernels/im2col.ts and the TS
// loops in core/catalog/nodes/conv-layer.ts; pointers are byte addresses, maps are row-major f32.
// Copies are exact; the sums run four lanes at a time, so they differ from the TS loops only by rounding.

/** First output column whose input column x0 + ox·sw is ≥ 0 (capped at Wo). */
@inline function firstInside(x0: i32, sw: i32, Wo: i32): i32 {
  return x0 >= 0 ? 0 : min(Wo, (-x0 + sw - 1) / sw);
}

/** One past the last output column whose input column x0 + ox·sw is < W (in [0, Wo]). */
@inline function endInside(x0: i32, sw: i32, W: i32, Wo: i32): i32 {
  const last = W - 1 - x0;
  return last < 0 ? 0 : min(Wo, last / sw + 1);
}

/*
 * Runs of a few to a few dozen floats (one output row of one tap) are the whole job, so their ends matter:
 * a run of at least 4 ends with one vector that overlaps the previous one rather than a scalar tail
 * (it rewrites the same values, staying inside the run).
 */

/** n floats from src to dst (contiguous). */
@inline function copyRun(dst: usize, src: usize, n: i32): void {
  if (n < 4) {
    for (let k = 0; k < n; k++) store<f32>(dst + (<usize>k << 2), load<f32>(src + (<usize>k << 2)));
    return;
  }
  let k = 0;
  for (; k + 4 <= n; k += 4) v128.store(dst + (<usize>k << 2), v128.load(src + (<usize>k << 2)));
  if (k < n) v128.store(dst + (<usize>(n - 4) << 2), v128.load(src + (<usize>(n - 4) << 2)));
}

@inline function zeroRun(dst: usize, n: i32): void {
  if (n < 4) {
    for (let k = 0; k < n; k++) store<f32>(dst + (<usize>k << 2), 0);
    return;
  }
  let k = 0;
  for (; k + 4 <= n; k += 4) v128.store(dst + (<usize>k << 2), f32x4.splat(0));
  if (k < n) v128.store(dst + (<usize>(n - 4) << 2), f32x4.splat(0));
}

/**
 * One output row of one tap: Wo entries, [lo, hi) copied from the input row at xr (stride sw), the rest
 * zero. With stride 1 and at most 4 padding entries on each side (the usual case), the padding is one
 * vector store per side written first, and the copy then overwrites whatever of it lies inside [lo, hi).
 */
@inline function tapRow(r: usize, xr: usize, lo: i32, hi: i32, Wo: i32, sw: i32): void {
  if (sw == 1 && Wo >= 4 && lo <= 4 && Wo - hi <= 4) {
    if (lo > 0) v128.store(r, f32x4.splat(0));
    if (hi < Wo) v128.store(r + (<usize>(Wo - 4) << 2), f32x4.splat(0));
    copyRun(r + (<usize>lo << 2), xr + (<usize>lo << 2), hi - lo);
    return;
  }
  zeroRun(r, lo);
  if (sw == 1) copyRun(r + (<usize>lo << 2), xr + (<usize>lo << 2), hi - lo);
  else for (let ox = lo; ox < hi; ox++) store<f32>(r + (<usize>ox << 2), load<f32>(xr + <usize>(ox * sw) * 4));
  zeroRun(r + (<usize>hi << 2), Wo - hi);
}

/**
 * col[(c·kh + i)·kw + j, oy·Wo + ox] = x[c, oy·sh − padTop + i·dh, ox·sw − padLeft + j·dw] (0 outside),
 * for `channels` channels starting at x (one sample's first channel of the group). The output rows whose
 * input row is padding are contiguous at the top and bottom of each tap's plane: one zero run each.
 */
export function im2col(x: usize, col: usize, channels: i32, H: i32, W: i32, kh: i32, kw: i32, sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32, Ho: i32, Wo: i32): void {
  const plane = <usize>(Ho * Wo) << 2, rowB = <usize>Wo << 2, xPlane = <usize>(H * W) << 2, xRow = <usize>W << 2;
  const xStep = <usize>sh * xRow;
  let o = col;
  for (let c = 0; c < channels; c++) {
    const xc = x + <usize>c * xPlane;
    for (let i = 0; i < kh; i++) {
      const y0 = i * dh - padTop;
      const oyLo = firstInside(y0, sh, Ho), oyHi = max(oyLo, endInside(y0, sh, H, Ho));
      for (let j = 0; j < kw; j++) {
        const x0 = j * dw - padLeft;
        const lo = firstInside(x0, sw, Wo), hi = max(lo, endInside(x0, sw, W, Wo));
        zeroRun(o, oyLo * Wo);
        let r = o + <usize>oyLo * rowB;
        let xr = xc + <usize>(oyLo * sh + y0) * xRow + <usize>(x0 * 4);
        for (let oy = oyLo; oy < oyHi; oy++, r += rowB, xr += xStep) tapRow(r, xr, lo, hi, Wo, sw);
        zeroRun(r, (Ho - oyHi) * Wo);
        o += plane;
      }
    }
  }
}

/** dx[c, …] += dcol entries: the exact reverse of im2col's copies (padding positions are dropped). */
export function col2imAdd(dcol: usize, dx: usize, channels: i32, H: i32, W: i32, kh: i32, kw: i32, sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32, Ho: i32, Wo: i32): void {
  const plane = <usize>(Ho * Wo) << 2, rowB = <usize>Wo << 2, xPlane = <usize>(H * W) << 2, xRow = <usize>W << 2;
  const xStep = <usize>sh * xRow;
  let o = dcol;
  for (let c = 0; c < channels; c++) {
    const xc = dx + <usize>c * xPlane;
    for (let i = 0; i < kh; i++) {
      const y0 = i * dh - padTop;
      const oyLo = firstInside(y0, sh, Ho), oyHi = endInside(y0, sh, H, Ho);
      for (let j = 0; j < kw; j++) {
        const x0 = j * dw - padLeft;
        const lo = firstInside(x0, sw, Wo), hi = endInside(x0, sw, W, Wo);
        let r = o + <usize>oyLo * rowB;
        let xr = xc + <usize>(oyLo * sh + y0) * xRow + <usize>(x0 * 4);
        for (let oy = oyLo; oy < oyHi; oy++, r += rowB, xr += xStep) {
          if (sw == 1) {
            let ox = lo;
            for (; ox + 4 <= hi; ox += 4) {
              const d = xr + (<usize>ox << 2);
              v128.store(d, f32x4.add(v128.load(d), v128.load(r + (<usize>ox << 2))));
            }
            for (; ox < hi; ox++) {
              const d = xr + (<usize>ox << 2);
              store<f32>(d, load<f32>(d) + load<f32>(r + (<usize>ox << 2)));
            }
          } else {
            for (let ox = lo; ox < hi; ox++) {
              const d = xr + <usize>(ox * sw) * 4;
              store<f32>(d, load<f32>(d) + load<f32>(r + (<usize>ox << 2)));
            }
          }
        }
        o += plane;
      }
    }
  }
}

/** y[f, p] = b[f] for F rows of P values: the starting value the filter products accumulate onto. */
export function fillRows(y: usize, b: usize, F: i32, P: i32): void {
  let r = y;
  for (let f = 0; f < F; f++, r += <usize>P << 2) {
    const v = v128.load32_splat(b + (<usize>f << 2));
    let k = 0;
    for (; k + 4 <= P; k += 4) v128.store(r + (<usize>k << 2), v);
    const s = load<f32>(b + (<usize>f << 2));
    for (; k < P; k++) store<f32>(r + (<usize>k << 2), s);
  }
}

/** db[f] += Σ_p dy[f, p] over F rows of P values (a convolution's bias gradient for one sample). */
export function rowSums(dy: usize, db: usize, F: i32, P: i32): void {
  let r = dy;
  for (let f = 0; f < F; f++, r += <usize>P << 2) {
    let acc = f32x4.splat(0);
    let k = 0;
    for (; k + 4 <= P; k += 4) acc = f32x4.add(acc, v128.load(r + (<usize>k << 2)));
    let s = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3);
    for (; k < P; k++) s += load<f32>(r + (<usize>k << 2));
    const d = db + (<usize>f << 2);
    store<f32>(d, load<f32>(d) + s);
  }
}
