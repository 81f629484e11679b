// AssemblyScript: the row softmax inside self-attention (core/catalog/nodes/self-attention.ts) over one
// [T, T] score tile, four lanes at a time, with the vector exp of vmath.ts. Sums and the max run in f32
// lanes, so results are within float tolerance of the TS rows (Math.exp and sums in f64), not bit-identical.

import { exp4 } from './vmath';

@inline function hmax(v: v128): f32 {
  return max(max(f32x4.extract_lane(v, 0), f32x4.extract_lane(v, 1)), max(f32x4.extract_lane(v, 2), f32x4.extract_lane(v, 3)));
}

@inline function hsum(v: v128): f32 {
  return (f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1)) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

@inline function exp1(x: f32): f32 {
  return f32x4.extract_lane(exp4(f32x4.splat(x)), 0);
}

/**
 * a[i, j] ← softmax_j(scale·a[i, j]) over j < visible(i) and 0 beyond, where visible(i) is i + 1 with
 * `causal` and T otherwise; the row maximum is subtracted before exp so large scores cannot overflow.
 */
export function attnSoftmaxForward(a: usize, T: i32, causal: i32, scale: f32): void {
  const sc = f32x4.splat(scale);
  for (let i = 0; i < T; i++) {
    const row = a + ((<usize>(i * T)) << 2);
    const visible = causal ? i + 1 : T;
    let m4 = f32x4.splat(-Infinity);
    let j = 0;
    for (; j + 4 <= visible; j += 4) m4 = f32x4.max(m4, f32x4.mul(v128.load(row + (<usize>j << 2)), sc));
    let m = hmax(m4);
    for (; j < visible; j++) m = max(m, load<f32>(row + (<usize>j << 2)) * scale);
    const mv = f32x4.splat(m);
    let s4 = f32x4.splat(0);
    j = 0;
    for (; j + 4 <= visible; j += 4) {
      const o = row + (<usize>j << 2);
      const e = exp4(f32x4.sub(f32x4.mul(v128.load(o), sc), mv));
      v128.store(o, e);
      s4 = f32x4.add(s4, e);
    }
    let sum = hsum(s4);
    for (; j < visible; j++) {
      const o = row + (<usize>j << 2);
      const e = exp1(load<f32>(o) * scale - m);
      store<f32>(o, e);
      sum += e;
    }
    const inv = f32x4.splat(<f32>1.0 / sum);
    j = 0;
    for (; j + 4 <= visible; j += 4) {
      const o = row + (<usize>j << 2);
      v128.store(o, f32x4.mul(v128.load(o), inv));
    }
    for (; j < visible; j++) {
      const o = row + (<usize>j << 2);
      store<f32>(o, load<f32>(o) * f32x4.extract_lane(inv, 0));
    }
    for (; j < T; j++) store<f32>(row + (<usize>j << 2), 0);
  }
}

/** d[i, j] ← a[i, j]·(d[i, j] − Σ_k a[i, k]·d[i, k])·scale over a [T, T] tile (masked a = 0 gives 0). */
export function attnSoftmaxBackward(a: usize, d: usize, T: i32, scale: f32): void {
  const sc = f32x4.splat(scale);
  for (let i = 0; i < T; i++) {
    const ar = a + ((<usize>(i * T)) << 2);
    const dr = d + ((<usize>(i * T)) << 2);
    let s4 = f32x4.splat(0);
    let j = 0;
    for (; j + 4 <= T; j += 4) s4 = f32x4.add(s4, f32x4.mul(v128.load(ar + (<usize>j << 2)), v128.load(dr + (<usize>j << 2))));
    let dot = hsum(s4);
    for (; j < T; j++) dot += load<f32>(ar + (<usize>j << 2)) * load<f32>(dr + (<usize>j << 2));
    const dv = f32x4.splat(dot);
    j = 0;
    for (; j + 4 <= T; j += 4) {
      const o = <usize>j << 2;
      v128.store(dr + o, f32x4.mul(f32x4.mul(v128.load(ar + o), f32x4.sub(v128.load(dr + o), dv)), sc));
    }
    for (; j < T; j++) {
      const o = <usize>j << 2;
      store<f32>(dr + o, load<f32>(ar + o) * (load<f32>(dr + o) - dot) * scale);
    }
  }
}
