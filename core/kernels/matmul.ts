import type { Buf } from '../util/tensor';

/*
 * Reference matrix products, row-major, with element offsets so that one call can address a slice of a
 * larger buffer (a head of an attention tensor, one sample of a batch). Loops are ordered i-k-j so the
 * innermost loop walks both B and C contiguously. These are also the reference the SIMD kernels are
 * tested against.
 */

/** C[M,N] (=|+=) A[M,K] · B[K,N] */
export function matmul(
  A: Buf, aOff: number, B: Buf, bOff: number, C: Buf, cOff: number,
  M: number, K: number, N: number, accumulate: boolean,
): void {
  if (!accumulate) C.fill(0, cOff, cOff + M * N);
  for (let i = 0; i < M; i++) {
    const ci = cOff + i * N;
    const ai = aOff + i * K;
    for (let k = 0; k < K; k++) {
      const a = A[ai + k]!;
      if (a === 0) continue;
      const bk = bOff + k * N;
      for (let j = 0; j < N; j++) C[ci + j] += a * B[bk + j]!;
    }
  }
}

/** C[K,N] (=|+=) A[M,K]ᵀ · B[M,N]  — e.g. dW = Xᵀ·dY */
export function matmulTransA(
  A: Buf, aOff: number, B: Buf, bOff: number, C: Buf, cOff: number,
  M: number, K: number, N: number, accumulate: boolean,
): void {
  if (!accumulate) C.fill(0, cOff, cOff + K * N);
  for (let i = 0; i < M; i++) {
    const ai = aOff + i * K;
    const bi = bOff + i * N;
    for (let k = 0; k < K; k++) {
      const a = A[ai + k]!;
      if (a === 0) continue;
      const ck = cOff + k * N;
      for (let j = 0; j < N; j++) C[ck + j] += a * B[bi + j]!;
    }
  }
}

/** C[M,K] (=|+=) A[M,N] · B[K,N]ᵀ  — e.g. dX = dY·Wᵀ */
export function matmulTransB(
  A: Buf, aOff: number, B: Buf, bOff: number, C: Buf, cOff: number,
  M: number, N: number, K: number, accumulate: boolean,
): void {
  for (let i = 0; i < M; i++) {
    const ai = aOff + i * N;
    const ci = cOff + i * K;
    for (let k = 0; k < K; k++) {
      const bk = bOff + k * N;
      let s = 0;
      for (let j = 0; j < N; j++) s += A[ai + j]! * B[bk + j]!;
      C[ci + k] = accumulate ? C[ci + k]! + s : s;
    }
  }
}
