// AssemblyScript: max and average pooling over n samples of [C, H, W] (pointers are byte addresses, f32).
// The same windows, tie rule and sums as core/catalog/nodes/pool-layer.ts: max keeps the first of equal
// values (strictly greater replaces) and records the winner's index within its sample as an f32 (exact
// below 2^24); average divides the window's sum by avgDivisor's count (the window clipped to the padded
// map, or with countPad 0 to the input), the reciprocal taken in f64 as the TS loop does.
// Everything here is bit-identical to the TS loops: max only compares and copies, and average sums in f64
// in the TS loop's order, rounding to f32 once, as the TS loop's JS numbers do.

/** Max over each window (taps dh, dw apart: dilation); `arg` gets the winner's index within the sample. */
export function maxPoolForward(x: usize, y: usize, arg: usize, n: i32, C: i32, H: i32, W: i32, kh: i32, kw: i32, sh: i32, sw: i32, padTop: i32, padLeft: i32, Ho: i32, Wo: i32, dh: i32, dw: i32): void {
  const inside = padTop == 0 && padLeft == 0 && (Ho - 1) * sh + kh <= H && (Wo - 1) * sw + kw <= W;
  if (inside && kh == 2 && kw == 2 && sh == 2 && sw == 2 && dh == 1 && dw == 1) {
    maxPool2x2(x, y, arg, n, C, H, W, Ho, Wo);
    return;
  }
  const inSize = <usize>(C * H * W) << 2;
  let o: usize = 0;
  for (let s = 0; s < n; s++) {
    const xs = x + <usize>s * inSize;
    for (let c = 0; c < C; c++) {
      for (let oy = 0; oy < Ho; oy++) {
        const y0 = oy * sh - padTop;
        for (let ox = 0; ox < Wo; ox++, o += 4) {
          const x0 = ox * sw - padLeft;
          let best: f32 = -Infinity;
          let at = -1;
          for (let i = 0; i < kh; i++) {
            const yy = y0 + i * dh;
            if (yy < 0 || yy >= H) continue;
            for (let j = 0; j < kw; j++) {
              const xx = x0 + j * dw;
              if (xx < 0 || xx >= W) continue;
              const idx = (c * H + yy) * W + xx;
              const v = load<f32>(xs + (<usize>idx << 2));
              if (v > best || at < 0) { best = v; at = idx; }
            }
          }
          store<f32>(y + o, best);
          store<f32>(arg + o, <f32>at);
        }
      }
    }
  }
}

/*
 * 2×2 windows with stride 2 inside the map (the usual "halve the map"), four outputs at a time: the even
 * and odd columns of the two input rows are split apart by shuffles, then compared in the window's
 * reading order (top-left, top-right, bottom-left, bottom-right), replacing only on strictly greater.
 */
function maxPool2x2(x: usize, y: usize, arg: usize, n: i32, C: i32, H: i32, W: i32, Ho: i32, Wo: i32): void {
  const xRow = <usize>W << 2;
  const Wo4 = Wo & ~3;
  let o: usize = 0;
  for (let s = 0; s < n; s++) {
    const xs = x + <usize>(s * C * H * W) * 4;
    for (let c = 0; c < C; c++) {
      for (let oy = 0; oy < Ho; oy++) {
        const base = (c * H + 2 * oy) * W;
        const r0 = xs + (<usize>base << 2), r1 = r0 + xRow;
        let ox = 0;
        for (; ox < Wo4; ox += 4, o += 16) {
          const off = <usize>ox << 3;
          const a0 = v128.load(r0 + off), b0 = v128.load(r0 + off, 16);
          const a1 = v128.load(r1 + off), b1 = v128.load(r1 + off, 16);
          const tl = v128.shuffle<f32>(a0, b0, 0, 2, 4, 6), tr = v128.shuffle<f32>(a0, b0, 1, 3, 5, 7);
          const bl = v128.shuffle<f32>(a1, b1, 0, 2, 4, 6), br = v128.shuffle<f32>(a1, b1, 1, 3, 5, 7);
          const i0 = i32x4.add(i32x4.splat(base + 2 * ox), i32x4(0, 2, 4, 6));
          let best = tl, at = i0;
          let m = f32x4.gt(tr, best);
          best = v128.bitselect(tr, best, m); at = v128.bitselect(i32x4.add(i0, i32x4.splat(1)), at, m);
          m = f32x4.gt(bl, best);
          best = v128.bitselect(bl, best, m); at = v128.bitselect(i32x4.add(i0, i32x4.splat(W)), at, m);
          m = f32x4.gt(br, best);
          best = v128.bitselect(br, best, m); at = v128.bitselect(i32x4.add(i0, i32x4.splat(W + 1)), at, m);
          v128.store(y + o, best);
          v128.store(arg + o, f32x4.convert_i32x4_s(at));
        }
        for (; ox < Wo; ox++, o += 4) {
          const idx = base + 2 * ox;
          const p = r0 + (<usize>(2 * ox) << 2);
          let best = load<f32>(p), at = idx;
          let v = load<f32>(p, 4);
          if (v > best) { best = v; at = idx + 1; }
          v = load<f32>(p + xRow);
          if (v > best) { best = v; at = idx + W; }
          v = load<f32>(p + xRow, 4);
          if (v > best) { best = v; at = idx + W + 1; }
          store<f32>(y + o, best);
          store<f32>(arg + o, <f32>at);
        }
      }
    }
  }
}

/** dx[s, arg[s, o]] += dy[s, o]: each output's gradient goes to its window's winner. */
export function maxPoolBackward(dy: usize, arg: usize, dx: usize, n: i32, inSize: i32, outSize: i32): void {
  let o: usize = 0;
  for (let s = 0; s < n; s++) {
    const xs = dx + <usize>(s * inSize) * 4;
    for (let k = 0; k < outSize; k++, o += 4) {
      const d = xs + (<usize>(<i32>load<f32>(arg + o)) << 2);
      store<f32>(d, load<f32>(d) + load<f32>(dy + o));
    }
  }
}

/** How many of the k taps from `start`, `d` apart, fall in [lo, hi) (as tapsInside in pool-layer.ts). */
@inline function tapsInside(start: i32, k: i32, d: i32, lo: i32, hi: i32): i32 {
  // Ceiling and floor divisions of possibly negative numbers, as Math.ceil/Math.floor on the quotient.
  const a = lo - start, b = hi - 1 - start;
  const first = max(0, a > 0 ? (a + d - 1) / d : -((-a) / d));
  const last = min(k - 1, b >= 0 ? b / d : -((-b + d - 1) / d));
  return max(0, last - first + 1);
}

/** 1 / the divisor of the window at (y0, x0), as avgDivisor in pool-layer.ts. */
@inline function avgInv(y0: i32, x0: i32, H: i32, W: i32, kh: i32, kw: i32, padTop: i32, padLeft: i32, padBottom: i32, padRight: i32, countPad: i32, dh: i32, dw: i32): f64 {
  let rows: i32, cols: i32;
  if (countPad != 0) {
    rows = tapsInside(y0, kh, dh, -padTop, H + padBottom);
    cols = tapsInside(x0, kw, dw, -padLeft, W + padRight);
  } else {
    rows = tapsInside(y0, kh, dh, 0, H);
    cols = tapsInside(x0, kw, dw, 0, W);
  }
  return 1.0 / <f64>(rows * cols);
}

/** Mean over each window (divisor: see avgInv). */
export function avgPoolForward(x: usize, y: usize, n: i32, C: i32, H: i32, W: i32, kh: i32, kw: i32, sh: i32, sw: i32, padTop: i32, padLeft: i32, Ho: i32, Wo: i32, padBottom: i32, padRight: i32, countPad: i32, dh: i32, dw: i32): void {
  const inSize = <usize>(C * H * W) << 2;
  let o: usize = 0;
  for (let s = 0; s < n; s++) {
    const xs = x + <usize>s * inSize;
    for (let c = 0; c < C; c++) {
      for (let oy = 0; oy < Ho; oy++) {
        const y0 = oy * sh - padTop;
        for (let ox = 0; ox < Wo; ox++, o += 4) {
          const x0 = ox * sw - padLeft;
          let sum: f64 = 0;
          for (let i = 0; i < kh; i++) {
            const yy = y0 + i * dh;
            if (yy < 0 || yy >= H) continue;
            for (let j = 0; j < kw; j++) {
              const xx = x0 + j * dw;
              if (xx < 0 || xx >= W) continue;
              sum += <f64>load<f32>(xs + (<usize>((c * H + yy) * W + xx) << 2));
            }
          }
          store<f32>(y + o, <f32>(sum * avgInv(y0, x0, H, W, kh, kw, padTop, padLeft, padBottom, padRight, countPad, dh, dw)));
        }
      }
    }
  }
}

/** dx += dy / divisor over each output's window (the adjoint of avgPoolForward). */
export function avgPoolBackward(dy: usize, dx: usize, n: i32, C: i32, H: i32, W: i32, kh: i32, kw: i32, sh: i32, sw: i32, padTop: i32, padLeft: i32, Ho: i32, Wo: i32, padBottom: i32, padRight: i32, countPad: i32, dh: i32, dw: i32): void {
  const inSize = <usize>(C * H * W) << 2;
  let o: usize = 0;
  for (let s = 0; s < n; s++) {
    const xs = dx + <usize>s * inSize;
    for (let c = 0; c < C; c++) {
      for (let oy = 0; oy < Ho; oy++) {
        const y0 = oy * sh - padTop;
        for (let ox = 0; ox < Wo; ox++, o += 4) {
          const x0 = ox * sw - padLeft;
          const g = <f64>load<f32>(dy + o) * avgInv(y0, x0, H, W, kh, kw, padTop, padLeft, padBottom, padRight, countPad, dh, dw);
          for (let i = 0; i < kh; i++) {
            const yy = y0 + i * dh;
            if (yy < 0 || yy >= H) continue;
            for (let j = 0; j < kw; j++) {
              const xx = x0 + j * dw;
              if (xx < 0 || xx >= W) continue;
              const d = xs + (<usize>((c * H + yy) * W + xx) << 2);
              store<f32>(d, <f32>(<f64>load<f32>(d) + g));
            }
          }
        }
      }
    }
  }
}
