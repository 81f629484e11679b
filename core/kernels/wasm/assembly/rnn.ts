// AssemblyScript: the SimpleRNN (tanh) cell's forward and backward step over a step's n·H values as one
// flat run, four at a time, the last count % 4 one by one through the same vector tanh (lane 0), so any H
// works. tanh is vmath.ts's f32 routine: float tolerance of the TS cell, not bit-identical.

import { dtanh4, tanh4 } from './vmath';

/** h[i] = tanh(xg[i] + hg[i]) for i < count (count = n·H of one step). */
export function rnnForwardStep(xg: usize, hg: usize, h: usize, count: i32): void {
  const end = <usize>count << 2, vend = <usize>(count & ~3) << 2;
  let i: usize = 0;
  for (; i < vend; i += 16) v128.store(h + i, tanh4(f32x4.add(v128.load(xg + i), v128.load(hg + i))));
  for (; i < end; i += 4) {
    f32.store(h + i, f32x4.extract_lane(tanh4(f32x4.splat(f32.load(xg + i) + f32.load(hg + i))), 0));
  }
}

/** da[i] = dh[i]·(1 − h[i]²) for i < count: the pre-activation gradient, from the step's output h. */
export function rnnBackwardStep(h: usize, dh: usize, da: usize, count: i32): void {
  const end = <usize>count << 2, vend = <usize>(count & ~3) << 2;
  let i: usize = 0;
  for (; i < vend; i += 16) v128.store(da + i, f32x4.mul(v128.load(dh + i), dtanh4(v128.load(h + i))));
  for (; i < end; i += 4) {
    const v = f32.load(h + i);
    f32.store(da + i, f32.load(dh + i) * (1 - v * v));
  }
}
