// AssemblyScript: MeanPool ([T, d] → [d], core/catalog/nodes/mean-pool.ts) over n samples. Bit-identical
// to the TS loops: the position sums are f32 adds (as `Y[j] += X[j]` into a Float32Array), and the 1/T
// scaling runs in f64 lanes and is rounded once to f32, as the TS product of a float and a double is.

@inline function scaleAdd(acc: v128, v: v128, inv: v128): v128 {
  // acc + v·inv per lane in f64, rounded once to f32.
  const lo = f64x2.add(f64x2.promote_low_f32x4(acc), f64x2.mul(f64x2.promote_low_f32x4(v), inv));
  const hi = f64x2.add(
    f64x2.promote_low_f32x4(v128.shuffle<f32>(acc, acc, 2, 3, 0, 1)),
    f64x2.mul(f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)), inv),
  );
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}

export function meanPoolForward(x: usize, y: usize, n: i32, T: i32, d: i32, inv: f64): void {
  const iv = f64x2.splat(inv);
  const zero = f32x4.splat(0);
  for (let s = 0; s < n; s++) {
    const yr = y + ((<usize>(s * d)) << 2);
    for (let j = 0; j < d; j++) store<f32>(yr + (<usize>j << 2), 0);
    for (let t = 0; t < T; t++) {
      const xr = x + ((<usize>((s * T + t) * d)) << 2);
      let j = 0;
      for (; j + 4 <= d; j += 4) {
        const o = <usize>j << 2;
        v128.store(yr + o, f32x4.add(v128.load(yr + o), v128.load(xr + o)));
      }
      for (; j < d; j++) {
        const o = <usize>j << 2;
        store<f32>(yr + o, load<f32>(yr + o) + load<f32>(xr + o));
      }
    }
    let j = 0;
    for (; j + 4 <= d; j += 4) {
      const o = <usize>j << 2;
      v128.store(yr + o, scaleAdd(zero, v128.load(yr + o), iv));
    }
    for (; j < d; j++) {
      const o = <usize>j << 2;
      store<f32>(yr + o, <f32>(<f64>load<f32>(yr + o) * inv));
    }
  }
}

/** dx[s, t, j] += dy[s, j]·inv in f64, rounded once. */
export function meanPoolBackward(dy: usize, dx: usize, n: i32, T: i32, d: i32, inv: f64): void {
  const iv = f64x2.splat(inv);
  for (let s = 0; s < n; s++) {
    const gr = dy + ((<usize>(s * d)) << 2);
    for (let t = 0; t < T; t++) {
      const xr = dx + ((<usize>((s * T + t) * d)) << 2);
      let j = 0;
      for (; j + 4 <= d; j += 4) {
        const o = <usize>j << 2;
        v128.store(xr + o, scaleAdd(v128.load(xr + o), v128.load(gr + o), iv));
      }
      for (; j < d; j++) {
        const o = <usize>j << 2;
        store<f32>(xr + o, <f32>(<f64>load<f32>(xr + o) + <f64>load<f32>(gr + o) * inv));
      }
    }
  }
}
