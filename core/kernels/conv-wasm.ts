import type { Window2D } from '../catalog/spatial';
import type { Kernel } from '../catalog/types';
import type { Buf } from '../util/tensor';
import type { WasmKernels } from './wasm/module';

/** The buffers of one convolution, all f32 views into the arena `k` works on (dX, b, db may be absent). */
export interface ConvBuffers {
  X: Buf; Wt: Buf; b: Buf | null; Y: Buf; dY: Buf; dX: Buf | null; dW: Buf; db: Buf | null;
  /** One sample's columns for one group, and their gradient (scratch). */
  col: Buf; dcol: Buf;
  /** One sample's zero-bordered input for the direct forward (directForwardPadFloats), or null. */
  xpad: Buf | null;
}

/**
 * Whether the forward may skip im2col (assembly/conv-direct.ts): stride and dilation 1, one group, output
 * rows at least 8 wide (its register tile), at most 1024 taps. Backward keeps im2col and the GEMMs either way.
 */
export function directForwardFits(g: Window2D, groups: number): boolean {
  // At most 1024 taps: the kernel's table of tap offsets lives in a 4 KiB scratch (DIRECT_MAX_TAPS).
  return g.sh === 1 && g.sw === 1 && g.dh === 1 && g.dw === 1 && groups === 1 && g.Wo >= 8 && g.C * g.kh * g.kw <= 1024;
}

/** Floats of the direct forward's padded-input scratch (one sample), 0 where none is needed. */
export function directForwardPadFloats(g: Window2D, groups: number): number {
  if (!directForwardFits(g, groups)) return 0;
  const Hp = g.Ho + g.kh - 1, Wp = g.Wo + g.kw - 1;
  return g.padTop === 0 && g.padLeft === 0 && Hp === g.H && Wp === g.W ? 0 : g.C * Hp * Wp;
}

/**
 * A convolution on the wasm kernels. Forward goes straight from the input where directForwardFits (the
 * same multiply-adds in the same order as the im2col route; A/B: ~3.5 % of a W5 step); otherwise, and in
 * backward always, sample by sample and group by group like the TS kernel in
 * conv-layer.ts, so every step works on one sample's columns (tens of KiB, in L2): im2col, the filter
 * product onto the bias rows, and in backward the bias row sums, dW += dY·colᵀ, dcol = Wᵀ·dY and col2im.
 * The columns are rebuilt in backward rather than kept per sample, which would cost batch × the memory.
 * Copies are exact; the sums start from the bias and run in SIMD lanes, so results differ from the TS
 * kernel by rounding only (test/core/kernels/conv-pool-wasm.test.ts).
 */
export function wasmConvKernel(k: WasmKernels, g: Window2D, groups: number, F: number, bufs: ConvBuffers): Kernel {
  const { X, Wt, b, Y, dY, dX, dW, db, col, dcol, xpad } = bufs;
  const direct = directForwardFits(g, groups);
  const at = (buf: Buf) => buf.byteOffset;
  const Cg = g.C / groups, Fg = F / groups;
  const Kc = Cg * g.kh * g.kw, P = g.Ho * g.Wo;
  const inBytes = g.C * g.H * g.W * 4, outBytes = F * P * 4;
  const groupInBytes = Cg * g.H * g.W * 4, groupOutBytes = Fg * P * 4, groupWBytes = Fg * Kc * 4;
  const colAt = at(col), dcolAt = at(dcol);
  const columns = (x: number) => k.im2col(x, colAt, Cg, g.H, g.W, g.kh, g.kw, g.sh, g.sw, g.dh, g.dw, g.padTop, g.padLeft, g.Ho, g.Wo);
  return {
    forward(n) {
      if (direct) {
        k.convDirectForward(at(X), at(Wt), b ? at(b) : 0, at(Y), xpad ? at(xpad) : 0, n, g.C, g.H, g.W, F, g.kh, g.kw, g.padTop, g.padLeft, g.Ho, g.Wo);
        return;
      }
      for (let s = 0; s < n; s++) {
        const xs = at(X) + s * inBytes, ys = at(Y) + s * outBytes;
        // With a bias the products accumulate onto it; without, each group's rows start from zero.
        if (b) k.fillRows(ys, at(b), F, P);
        for (let gi = 0; gi < groups; gi++) {
          columns(xs + gi * groupInBytes);
          k.gemm(at(Wt) + gi * groupWBytes, Kc, 1, colAt, ys + gi * groupOutBytes, Fg, Kc, P, b ? 0 : 1, 0);
        }
      }
    },
    backward(n) {
      for (let s = 0; s < n; s++) {
        const xs = at(X) + s * inBytes, dys = at(dY) + s * outBytes;
        if (db) k.rowSums(dys, at(db), F, P);
        for (let gi = 0; gi < groups; gi++) {
          const dyg = dys + gi * groupOutBytes;
          columns(xs + gi * groupInBytes);
          // dW[Fg, Kc] += dY[Fg, P]·col[Kc, P]ᵀ
          k.gemmNT(dyg, colAt, at(dW) + gi * groupWBytes, Fg, P, Kc, 0);
          if (!dX) continue;
          // dcol[Kc, P] = W[Fg, Kc]ᵀ·dY[Fg, P], then back onto the input positions it was copied from.
          k.gemm(at(Wt) + gi * groupWBytes, 1, Kc, dyg, dcolAt, Kc, Fg, P, 1, 0);
          k.col2imAdd(dcolAt, at(dX) + s * inBytes + gi * groupInBytes, Cg, g.H, g.W, g.kh, g.kw, g.sh, g.sw, g.dh, g.dw, g.padTop, g.padLeft, g.Ho, g.Wo);
        }
      }
    },
  };
}
