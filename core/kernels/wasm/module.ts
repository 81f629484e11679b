import { KERNELS_WASM_BASE64 } from './kernels-wasm.generated';

/** The exports of the SIMD kernel module (pointers are byte addresses in its imported memory). */
export interface WasmKernels {
  gemm(a: number, ars: number, aps: number, b: number, c: number, M: number, P: number, N: number, init: number, bias: number): void;
  gemmNT(a: number, b: number, c: number, M: number, N: number, K: number, init: number): void;
  colsum(src: number, dst: number, M: number, N: number): void;
  adamStep(p: number, g: number, m: number, v: number, n: number, b1: number, b2: number, stepSize: number, sqrtBc2: number, eps: number, keep: number): void;
}

/** Bytes at the bottom of every arena left to the module's own static data (it has none today). */
export const WASM_RESERVED_BYTES = 1024;

let compiled: WebAssembly.Module | null | undefined;

function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * The compiled module, or null where WebAssembly or its SIMD proposal is missing (the engine then runs the
 * TS kernels). Compiled once, synchronously: core runs in workers and the CLI, where that is allowed.
 */
export function kernelModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    compiled = typeof WebAssembly === 'object' ? new WebAssembly.Module(decodeBase64(KERNELS_WASM_BASE64)) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

/** One instance of the kernels working on `memory`. */
export function instantiateKernels(memory: WebAssembly.Memory): WasmKernels | null {
  const mod = kernelModule();
  if (!mod) return null;
  const inst = new WebAssembly.Instance(mod, { env: { memory, abort: () => { throw new Error('wasm kernel abort'); } } });
  return inst.exports as unknown as WasmKernels;
}
