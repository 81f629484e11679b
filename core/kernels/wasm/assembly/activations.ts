// AssemblyScript: the sigmoid and tanh activations over len floats, four lanes at a time, with the vector
// exp of vmath.ts (~2 ulp). Float tolerance of the TS loops in core/catalog/activations/elementwise-kernel.ts
// (Math.exp / Math.tanh in f64, rounded once), not bit-identical to them. The scalar tail runs the same
// vector routine on a one-lane splat, so every element gets the same formula wherever it sits.

import { dsigmoid4, dtanh4, sigmoid4, tanh4 } from './vmath';

export function sigmoidForward(x: usize, y: usize, len: i32): void {
  let k = 0;
  for (; k + 4 <= len; k += 4) {
    const o = <usize>k << 2;
    v128.store(y + o, sigmoid4(v128.load(x + o)));
  }
  for (; k < len; k++) {
    const o = <usize>k << 2;
    store<f32>(y + o, f32x4.extract_lane(sigmoid4(f32x4.splat(load<f32>(x + o))), 0));
  }
}

/** dx += y·(1 − y)·dy, from the forward output y. */
export function sigmoidBackward(y: usize, dy: usize, dx: usize, len: i32): void {
  let k = 0;
  for (; k + 4 <= len; k += 4) {
    const o = <usize>k << 2;
    const g = f32x4.mul(dsigmoid4(v128.load(y + o)), v128.load(dy + o));
    v128.store(dx + o, f32x4.add(v128.load(dx + o), g));
  }
  for (; k < len; k++) {
    const o = <usize>k << 2;
    const s = load<f32>(y + o);
    store<f32>(dx + o, load<f32>(dx + o) + s * (1 - s) * load<f32>(dy + o));
  }
}

export function tanhForward(x: usize, y: usize, len: i32): void {
  let k = 0;
  for (; k + 4 <= len; k += 4) {
    const o = <usize>k << 2;
    v128.store(y + o, tanh4(v128.load(x + o)));
  }
  for (; k < len; k++) {
    const o = <usize>k << 2;
    store<f32>(y + o, f32x4.extract_lane(tanh4(f32x4.splat(load<f32>(x + o))), 0));
  }
}

/** dx += (1 − y²)·dy, from the forward output y. */
export function tanhBackward(y: usize, dy: usize, dx: usize, len: i32): void {
  let k = 0;
  for (; k + 4 <= len; k += 4) {
    const o = <usize>k << 2;
    const g = f32x4.mul(dtanh4(v128.load(y + o)), v128.load(dy + o));
    v128.store(dx + o, f32x4.add(v128.load(dx + o), g));
  }
  for (; k < len; k++) {
    const o = <usize>k << 2;
    const t = load<f32>(y + o);
    store<f32>(dx + o, load<f32>(dx + o) + (1 - t * t) * load<f32>(dy + o));
  }
}
