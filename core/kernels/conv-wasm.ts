import type { Window2D } from '../catalog/spatial';
import type { Kernel } from '../catalog/types';
import type { Buf } from '../util/tensor';
import type { WasmKernels } from './wasm/module';

/** The buffers of one convolution, all f32 views into the arena `k` works on (dX, b, db may be absent). */
export interface ConvBuffers {
  X: Buf; Wt: Buf; b: Buf | null; Y: Buf; dY: Buf; dX: Buf | null; dW: Buf; db: Buf | null;
  /** One sample's columns for one group, and their gradient (scratch). */
  col: Buf; dcol: Buf;
}

/**
 * A convolution on the wasm kernels, sample by sample and group by group like the TS kernel in
 * conv-layer.ts, so every step works on one sample's columns (tens of KiB, in L2): im2col, the filter
 * product onto the bias rows, and in backward the bias row sums, dW += dY·colᵀ, dcol = Wᵀ·dY and col2im.
 * The columns are rebuilt in backward rather than kept per sample, which would cost batch × the memory.
 * Copies are exact; the sums start from the bias and run in SIMD lanes, so results differ from the TS
 * kernel by rounding only (test/core/kernels/conv-pool-wasm.test.ts).
 */
export function wasmConvKernel(k: WasmKernels, g: Window2D, groups: number, F: number, bufs: ConvBuffers): Kernel {
  const { X, Wt, b, Y, dY, dX, dW, db, col, dcol } = bufs;
  const at = (buf: Buf) => buf.byteOffset;
  const Cg = g.C / groups, Fg = F / groups;
  const Kc = Cg * g.kh * g.kw, P = g.Ho * g.Wo;
  const inBytes = g.C * g.H * g.W * 4, outBytes = F * P * 4;
  const groupInBytes = Cg * g.H * g.W * 4, groupOutBytes = Fg * P * 4, groupWBytes = Fg * Kc * 4;
  const colAt = at(col), dcolAt = at(dcol);
  const columns = (x: number) => k.im2col(x, colAt, Cg, g.H, g.W, g.kh, g.kw, g.sh, g.sw, g.dh, g.dw, g.padTop, g.padLeft, g.Ho, g.Wo);
  return {
    forward(n) {
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
