// AssemblyScript: one SGD step over n weights (core/engine/optimizers/sgd.ts), two lanes of f64 at a time.
// Bit-identical to the TS loop: the update is evaluated in f64 from the f32 values, as `p[i] -= lr·g[i]`
// on Float32Arrays is, and rounded once to f32 on the store. With momentum (v ≠ 0) the unrounded f64
// velocity feeds the weight update, as the TS `const vi = μ·v[i] + g[i]` does.

@inline function lo(v: v128): v128 {
  return f64x2.promote_low_f32x4(v);
}

@inline function hi(v: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1));
}

@inline function join(a: v128, b: v128): v128 {
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(a), f32x4.demote_f64x2_zero(b), 0, 1, 4, 5);
}

/** p ← p − lr·g, or with momentum v ← μv + g; p ← p − lr·(nesterov ? g + μv : v). */
export function sgdStep(p: usize, g: usize, v: usize, n: i32, lr: f64, mu: f64, nesterov: i32): void {
  const rate = f64x2.splat(lr);
  const m = f64x2.splat(mu);
  let k = 0;
  if (v == 0) {
    for (; k + 4 <= n; k += 4) {
      const o = <usize>k << 2;
      const pv = v128.load(p + o), gv = v128.load(g + o);
      v128.store(p + o, join(f64x2.sub(lo(pv), f64x2.mul(rate, lo(gv))), f64x2.sub(hi(pv), f64x2.mul(rate, hi(gv)))));
    }
    for (; k < n; k++) {
      const o = <usize>k << 2;
      store<f32>(p + o, <f32>(<f64>load<f32>(p + o) - lr * <f64>load<f32>(g + o)));
    }
    return;
  }
  for (; k + 4 <= n; k += 4) {
    const o = <usize>k << 2;
    const pv = v128.load(p + o), gv = v128.load(g + o), vv = v128.load(v + o);
    const gl = lo(gv), gh = hi(gv);
    const vl = f64x2.add(f64x2.mul(m, lo(vv)), gl);
    const vh = f64x2.add(f64x2.mul(m, hi(vv)), gh);
    v128.store(v + o, join(vl, vh));
    const ul = nesterov ? f64x2.add(gl, f64x2.mul(m, vl)) : vl;
    const uh = nesterov ? f64x2.add(gh, f64x2.mul(m, vh)) : vh;
    v128.store(p + o, join(f64x2.sub(lo(pv), f64x2.mul(rate, ul)), f64x2.sub(hi(pv), f64x2.mul(rate, uh))));
  }
  for (; k < n; k++) {
    const o = <usize>k << 2;
    const gi = <f64>load<f32>(g + o);
    const vi = mu * <f64>load<f32>(v + o) + gi;
    store<f32>(v + o, <f32>vi);
    store<f32>(p + o, <f32>(<f64>load<f32>(p + o) - lr * (nesterov ? gi + mu * vi : vi)));
  }
}
