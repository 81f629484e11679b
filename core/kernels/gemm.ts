import type { Buf } from '../util/tensor';
import { matmul, matmulTransA, matmulTransB } from './matmul';
import type { WasmKernels } from './wasm/module';

/**
 * The matrix products kernels call, chosen once per kernel: the SIMD wasm versions when every buffer is an
 * f32 view into the same arena, the TS reference otherwise (float64 gradient checks, plain arrays, no wasm).
 * Signatures are the reference's (element offsets), so call sites do not care which one they got.
 */
export interface Gemm {
  readonly wasm: boolean;
  /** C[M,N] (=|+=) A[M,K]·B[K,N] */
  mm(A: Buf, aOff: number, B: Buf, bOff: number, C: Buf, cOff: number, M: number, K: number, N: number, accumulate: boolean): void;
  /** C[K,N] (=|+=) A[M,K]ᵀ·B[M,N] */
  mmTA(A: Buf, aOff: number, B: Buf, bOff: number, C: Buf, cOff: number, M: number, K: number, N: number, accumulate: boolean): void;
  /** C[M,K] (=|+=) A[M,N]·B[K,N]ᵀ */
  mmTB(A: Buf, aOff: number, B: Buf, bOff: number, C: Buf, cOff: number, M: number, N: number, K: number, accumulate: boolean): void;
  /** Y[M,N] = X[M,K]·W[K,N] + b (b broadcast over rows): bias first, then the products, as one pass in wasm. */
  affine(X: Buf, W: Buf, b: Buf, Y: Buf, M: number, K: number, N: number): void;
  /** dst[N] += Σ rows of src[M,N] (a bias gradient). */
  colsum(src: Buf, dst: Buf, M: number, N: number): void;
}

export const referenceGemm: Gemm = {
  wasm: false,
  mm: matmul,
  mmTA: matmulTransA,
  mmTB: matmulTransB,
  affine(X, W, b, Y, M, K, N) {
    for (let i = 0; i < M; i++) Y.set(b, i * N);
    matmul(X, 0, W, 0, Y, 0, M, K, N, true);
  },
  colsum(src, dst, M, N) {
    for (let i = 0; i < M; i++) {
      const o = i * N;
      for (let j = 0; j < N; j++) dst[j] += src[o + j]!;
    }
  },
};

const arenas = new WeakMap<ArrayBufferLike, Gemm>();
const rawKernels = new WeakMap<ArrayBufferLike, WasmKernels>();

/** Called by the arena: views into `buffer` may use these kernels from now on. */
export function registerArena(buffer: ArrayBufferLike, k: WasmKernels): void {
  arenas.set(buffer, wasmGemm(k));
  rawKernels.set(buffer, k);
}

/** The wasm module shared by all these f32 arena views, or null (plain arrays, f64, mixed arenas). */
export function wasmKernelsFor(bufs: readonly Buf[]): WasmKernels | null {
  let found: WasmKernels | null = null;
  for (const b of bufs) {
    const k = b instanceof Float32Array ? rawKernels.get(b.buffer) : undefined;
    if (!k || (found && k !== found)) return null;
    found = k;
  }
  return found;
}

/** The fastest Gemm valid for all these buffers (null entries, e.g. an absent dX, are ignored). */
export function gemmFor(...bufs: (Buf | null | undefined)[]): Gemm {
  let found: Gemm | undefined;
  for (const b of bufs) {
    if (!b) continue;
    if (!(b instanceof Float32Array)) return referenceGemm;
    const g = arenas.get(b.buffer);
    if (!g || (found && g !== found)) return referenceGemm;
    found = g;
  }
  return found ?? referenceGemm;
}

function wasmGemm(k: WasmKernels): Gemm {
  // Byte address of element `off` of an arena view.
  const at = (b: Buf, off: number) => b.byteOffset + off * 4;
  return {
    wasm: true,
    mm(A, aOff, B, bOff, C, cOff, M, K, N, accumulate) {
      k.gemm(at(A, aOff), K, 1, at(B, bOff), at(C, cOff), M, K, N, accumulate ? 0 : 1, 0);
    },
    mmTA(A, aOff, B, bOff, C, cOff, M, K, N, accumulate) {
      // Rows of C run over A's columns (stride 1), the reduction over A's rows (stride K).
      k.gemm(at(A, aOff), 1, K, at(B, bOff), at(C, cOff), K, M, N, accumulate ? 0 : 1, 0);
    },
    mmTB(A, aOff, B, bOff, C, cOff, M, N, K, accumulate) {
      k.gemmNT(at(A, aOff), at(B, bOff), at(C, cOff), M, N, K, accumulate ? 0 : 1);
    },
    affine(X, W, b, Y, M, K, N) {
      k.gemm(at(X, 0), K, 1, at(W, 0), at(Y, 0), M, K, N, 2, at(b, 0));
    },
    colsum(src, dst, M, N) {
      k.colsum(at(src, 0), at(dst, 0), M, N);
    },
  };
}
