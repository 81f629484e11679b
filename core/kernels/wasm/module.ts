import { KERNELS_FMA_WASM_BASE64, KERNELS_WASM_BASE64 } from './kernels-wasm.generated';

/** The exports of the SIMD kernel module (pointers are byte addresses in its imported memory). */
export interface WasmKernels {
  gemm(a: number, ars: number, aps: number, b: number, c: number, M: number, P: number, N: number, init: number, bias: number): void;
  gemmNT(a: number, b: number, c: number, M: number, N: number, K: number, init: number): void;
  colsum(src: number, dst: number, M: number, N: number): void;
  adamStep(p: number, g: number, m: number, v: number, n: number, b1: number, b2: number, stepSize: number, sqrtBc2: number, eps: number, keep: number): void;
  /** g[n] ← w0·g + w1·h in f64, rounded once to f32 (data-parallel halves, bit-identical to the TS loop). */
  combineHalves(g: number, h: number, n: number, w0: number, w1: number): void;
  /** One LSTM forward step over n samples of H ≥ 4 units, assembly/lstm.ts. */
  lstmForwardStep(xg: number, hg: number, gates: number, cPrev: number, cCur: number, tanhC: number, h: number, n: number, H: number): void;
  /** One LSTM backward step (gate gradients into dxg, dc carried back) over n samples, H ≥ 4 (assembly/lstm-backward.ts). */
  lstmBackwardStep(gates: number, cPrev: number, tanhC: number, dh: number, dc: number, dxg: number, n: number, H: number): void;
  /** One GRU forward / backward step over n samples, H ≥ 4 (assembly/gru.ts). */
  gruForwardStep(xg: number, hg: number, gates: number, hn: number, hPrev: number, h: number, n: number, H: number): void;
  gruBackwardStep(gates: number, hn: number, hPrev: number, dh: number, dxg: number, dhg: number, dhPrev: number, n: number, H: number): void;
  /** One SimpleRNN forward / backward step over count = n·H values, any H (assembly/rnn.ts). */
  rnnForwardStep(xg: number, hg: number, h: number, count: number): void;
  rnnBackwardStep(h: number, dh: number, da: number, count: number): void;
  /** One sample's im2col for `ch` channels (assembly/conv.ts; the geometry of core/catalog/spatial.ts). */
  im2col(x: number, col: number, ch: number, H: number, W: number, kh: number, kw: number, sh: number, sw: number, dh: number, dw: number, padTop: number, padLeft: number, Ho: number, Wo: number): void;
  /** dx += the adjoint of im2col of dcol (assembly/conv.ts). */
  col2imAdd(dcol: number, dx: number, ch: number, H: number, W: number, kh: number, kw: number, sh: number, sw: number, dh: number, dw: number, padTop: number, padLeft: number, Ho: number, Wo: number): void;
  /** y[f, p] = b[f] over F rows of P values. */
  fillRows(y: number, b: number, F: number, P: number): void;
  /** db[f] += Σ_p dy[f, p] over F rows of P values. */
  rowSums(dy: number, db: number, F: number, P: number): void;
  /** Max pooling over n samples of [C, H, W], winners' indices (within the sample) into arg (assembly/pool.ts). */
  maxPoolForward(x: number, y: number, arg: number, n: number, C: number, H: number, W: number, kh: number, kw: number, sh: number, sw: number, padTop: number, padLeft: number, Ho: number, Wo: number, dh: number, dw: number): void;
  maxPoolBackward(dy: number, arg: number, dx: number, n: number, inSize: number, outSize: number): void;
  avgPoolForward(x: number, y: number, n: number, C: number, H: number, W: number, kh: number, kw: number, sh: number, sw: number, padTop: number, padLeft: number, Ho: number, Wo: number, padBottom: number, padRight: number, countPad: number, dh: number, dw: number): void;
  avgPoolBackward(dy: number, dx: number, n: number, C: number, H: number, W: number, kh: number, kw: number, sh: number, sw: number, padTop: number, padLeft: number, Ho: number, Wo: number, padBottom: number, padRight: number, countPad: number, dh: number, dw: number): void;
  /** y = x > 0 ? x : 0 and dx += x > 0 ? dy : 0 over len floats (assembly/relu.ts). */
  reluForward(x: number, y: number, len: number): void;
  reluBackward(x: number, dy: number, dx: number, len: number): void;
  /** y = σ(x) / tanh(x) over len floats, ~2 ulp (assembly/activations.ts). */
  sigmoidForward(x: number, y: number, len: number): void;
  tanhForward(x: number, y: number, len: number): void;
  /** dx += σ'·dy / tanh'·dy from the forward output y, over len floats. */
  sigmoidBackward(y: number, dy: number, dx: number, len: number): void;
  tanhBackward(y: number, dy: number, dx: number, len: number): void;
  /** Self-attention's row softmax over one [T, T] score tile, in place (assembly/attention-softmax.ts). */
  attnSoftmaxForward(a: number, T: number, causal: number, scale: number): void;
  /** d ← a·(d − Σ a·d)·scale row-wise over one [T, T] tile. */
  attnSoftmaxBackward(a: number, d: number, T: number, scale: number): void;
  /** MeanPool [T, d] → [d] over n samples and its backward, bit-identical to the TS loops (assembly/mean-pool.ts). */
  meanPoolForward(x: number, y: number, n: number, T: number, d: number, inv: number): void;
  meanPoolBackward(dy: number, dx: number, n: number, T: number, d: number, inv: number): void;
  /** One SGD step over n weights, v = 0: no momentum; bit-identical to the TS loop (assembly/sgd.ts). */
  sgdStep(p: number, g: number, v: number, n: number, lr: number, mu: number, nesterov: number): void;
  /** Stride-1, dilation-1 convolution forward without im2col, Wo ≥ 8 (assembly/conv-direct.ts); b = 0: no bias. */
  convDirectForward(x: number, w: number, b: number, y: number, pad: number, n: number, C: number, H: number, W: number, F: number, kh: number, kw: number, padTop: number, padLeft: number, Ho: number, Wo: number): void;
  /** First byte after the module's packing scratch (assembly/scratch.ts). */
  scratchEnd(): number;
}

/**
 * Which build of the kernels runs: 'fma' multiplies and adds in one fused, singly rounded relaxed-SIMD
 * instruction (where the runtime has relaxed SIMD and the CPU FMA); 'simd' rounds the product and the sum
 * separately. Results differ between the two in the last bits, never between runs of the same one.
 */
export type KernelFlavor = 'fma' | 'simd';

/**
 * Bytes at the bottom of every arena left to the module: its packing scratch (a 256 × 256 block of B and a
 * 256 × 4 panel of A, after 1 KiB kept free). A test checks this covers `scratchEnd()`.
 */
export const WASM_RESERVED_BYTES = 1024 + 256 * 256 * 4 + 256 * 4 * 4;

const compiled: Partial<Record<KernelFlavor, WebAssembly.Module | null>> = {};
let relaxed: boolean | undefined;

function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * (func (param v128 v128 v128) (result v128) local.get 0 local.get 1 local.get 2 f32x4.relaxed_madd):
 * validating it is the feature test for relaxed SIMD (Node 20 needs --experimental-wasm-relaxed-simd;
 * Node 22+, Electron and Chromium have it on).
 */
const RELAXED_PROBE = new Uint8Array([
  0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 8, 1, 0x60, 3, 0x7b, 0x7b, 0x7b, 1, 0x7b, 3, 2, 1, 0,
  0x0a, 0x0d, 1, 0x0b, 0, 0x20, 0, 0x20, 1, 0x20, 2, 0xfd, 0x85, 2, 0x0b,
]);

/** Whether this runtime validates relaxed-SIMD code (checked once). */
export function relaxedSimdSupported(): boolean {
  if (relaxed === undefined) {
    try {
      relaxed = typeof WebAssembly === 'object' && WebAssembly.validate(RELAXED_PROBE);
    } catch {
      relaxed = false;
    }
  }
  return relaxed;
}

/** The flavor a run gets when it does not ask: FMA where the runtime supports it. */
export function preferredFlavor(): KernelFlavor {
  return relaxedSimdSupported() && kernelModule('fma') ? 'fma' : 'simd';
}

/**
 * The compiled module of that flavor, or null where WebAssembly, its SIMD proposal or (for 'fma') relaxed
 * SIMD is missing (the engine then runs another flavor or the TS kernels). Compiled once, synchronously:
 * core runs in workers and the CLI, where that is allowed.
 */
export function kernelModule(flavor: KernelFlavor = 'simd'): WebAssembly.Module | null {
  const cached = compiled[flavor];
  if (cached !== undefined) return cached;
  let mod: WebAssembly.Module | null = null;
  try {
    if (typeof WebAssembly === 'object' && (flavor === 'simd' || relaxedSimdSupported())) {
      mod = new WebAssembly.Module(decodeBase64(flavor === 'fma' ? KERNELS_FMA_WASM_BASE64 : KERNELS_WASM_BASE64));
    }
  } catch {
    mod = null;
  }
  compiled[flavor] = mod;
  return mod;
}

/** One instance of the kernels of that flavor working on `memory`. */
export function instantiateKernels(memory: WebAssembly.Memory, flavor: KernelFlavor = 'simd'): WasmKernels | null {
  const mod = kernelModule(flavor);
  if (!mod) return null;
  const inst = new WebAssembly.Instance(mod, { env: { memory, abort: () => { throw new Error('wasm kernel abort'); } } });
  return inst.exports as unknown as WasmKernels;
}
