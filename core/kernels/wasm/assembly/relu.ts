// AssemblyScript: ReLU forward and backward over len floats, four lanes at a time. A lane mask of x > 0
// does both: y = x where x > 0, else +0 (NaN and −0 give +0, as the TS `x > 0 ? x : 0`); dx += dy where
// x > 0. Bit-identical to the TS loops in core/catalog/activations/elementwise-kernel.ts for finite dy
// (where x ≤ 0 the TS loop adds 0·dy, which is NaN for an infinite dy; this adds nothing).

export function reluForward(x: usize, y: usize, len: i32): void {
  const zero = f32x4.splat(0);
  let k = 0;
  for (; k + 4 <= len; k += 4) {
    const o = <usize>k << 2;
    const v = v128.load(x + o);
    v128.store(y + o, v128.and(v, f32x4.gt(v, zero)));
  }
  for (; k < len; k++) {
    const v = load<f32>(x + (<usize>k << 2));
    store<f32>(y + (<usize>k << 2), v > 0 ? v : 0);
  }
}

export function reluBackward(x: usize, dy: usize, dx: usize, len: i32): void {
  const zero = f32x4.splat(0);
  let k = 0;
  for (; k + 4 <= len; k += 4) {
    const o = <usize>k << 2;
    const pass = f32x4.gt(v128.load(x + o), zero);
    v128.store(dx + o, f32x4.add(v128.load(dx + o), v128.and(v128.load(dy + o), pass)));
  }
  for (; k < len; k++) {
    const o = <usize>k << 2;
    if (load<f32>(x + o) > 0) store<f32>(dx + o, load<f32>(dx + o) + load<f32>(dy + o));
  }
}
