// AssemblyScript: the GRU cell's forward and backward step, four units at a time (PyTorch's nn.GRU: gate
// blocks r, z, n; b_hn inside the product with r). σ and tanh are the vector f32 routines of vmath.ts, so
// the results are within float tolerance of the TS cell in core/catalog/nodes/gru.ts, not bit-identical.

import { dsigmoid4, dtanh4, sigmoid4, tanh4 } from './vmath';

/**
 * One step for n samples of H ≥ 4 units. Per sample s (stride 3H for xg/hg/gates, H for the
 * rest), with xg = x·W_ihᵀ + b_ih and hg = h_{t−1}·W_hhᵀ + b_hh of this step:
 *   r = σ(xg_r + hg_r)   z = σ(xg_z + hg_z)   n = tanh(xg_n + r·hg_n)   h = (1 − z)·n + z·h_{t−1}
 * Writes the activated gates r, z, n (xg's layout), hn ← hg_n (backward needs it) and h.
 */
export function gruForwardStep(xg: usize, hg: usize, gates: usize, hn: usize, hPrev: usize, h: usize, n: i32, H: i32): void {
  const GH = <usize>(3 * H) << 2, HB = <usize>H << 2;
  const one = f32x4.splat(1.0);
  for (let s = 0; s < n; s++) {
    const a = xg + <usize>s * GH, b = hg + <usize>s * GH, gt = gates + <usize>s * GH, st = <usize>s * HB;
    for (let j0: usize = 0; j0 < HB; j0 += 16) {
      // The last vector of a row whose H is not a multiple of 4 overlaps the one before: those lanes are
      // recomputed from the same inputs into the same values (no output is also an input), so it is harmless.
      const j = min(j0, HB - 16);
      const r = sigmoid4(f32x4.add(v128.load(a + j), v128.load(b + j)));
      const z = sigmoid4(f32x4.add(v128.load(a + HB + j), v128.load(b + HB + j)));
      const hnv = v128.load(b + 2 * HB + j);
      const nv = tanh4(f32x4.add(v128.load(a + 2 * HB + j), f32x4.mul(r, hnv)));
      v128.store(gt + j, r);
      v128.store(gt + HB + j, z);
      v128.store(gt + 2 * HB + j, nv);
      v128.store(hn + st + j, hnv);
      v128.store(h + st + j, f32x4.add(f32x4.mul(f32x4.sub(one, z), nv), f32x4.mul(z, v128.load(hPrev + st + j))));
    }
  }
}

/**
 * One step back, from dh (the gradient reaching h_t):
 *   da_n = dh·(1 − z)·(1 − n²)   da_z = dh·(h_{t−1} − n)·z(1 − z)   da_r = da_n·hn·r(1 − r)
 * dxg ← (da_r, da_z, da_n); dhg ← (da_r, da_z, da_n·r) (the recurrent product sits inside r ⊙ …);
 * dhPrev ← dh·z, the part of dh_{t−1} that bypasses W_hh (the driver adds dhg·W_hh).
 */
export function gruBackwardStep(gates: usize, hn: usize, hPrev: usize, dh: usize, dxg: usize, dhg: usize, dhPrev: usize, n: i32, H: i32): void {
  const GH = <usize>(3 * H) << 2, HB = <usize>H << 2;
  const one = f32x4.splat(1.0);
  for (let s = 0; s < n; s++) {
    const g = gates + <usize>s * GH, dx = dxg + <usize>s * GH, dr = dhg + <usize>s * GH, st = <usize>s * HB;
    for (let j0: usize = 0; j0 < HB; j0 += 16) {
      const j = min(j0, HB - 16); // overlapping last vector, harmless as in the forward step (dh ≠ dhPrev)
      const r = v128.load(g + j);
      const z = v128.load(g + HB + j);
      const nv = v128.load(g + 2 * HB + j);
      const dhv = v128.load(dh + st + j);
      const dan = f32x4.mul(f32x4.mul(dhv, f32x4.sub(one, z)), dtanh4(nv));
      const daz = f32x4.mul(f32x4.mul(dhv, f32x4.sub(v128.load(hPrev + st + j), nv)), dsigmoid4(z));
      const dar = f32x4.mul(f32x4.mul(dan, v128.load(hn + st + j)), dsigmoid4(r));
      v128.store(dx + j, dar);
      v128.store(dr + j, dar);
      v128.store(dx + HB + j, daz);
      v128.store(dr + HB + j, daz);
      v128.store(dx + 2 * HB + j, dan);
      v128.store(dr + 2 * HB + j, f32x4.mul(dan, r));
      v128.store(dhPrev + st + j, f32x4.mul(dhv, z));
    }
  }
}
