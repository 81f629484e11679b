import type { Window2D } from '../catalog/spatial';
import type { Kernel } from '../catalog/types';
import type { Buf } from '../util/tensor';
import type { WasmKernels } from './wasm/module';

/**
 * Max or average pooling on the wasm kernels (assembly/pool.ts): the same windows, tie rule and sums as
 * the TS loops in pool-layer.ts (average's divisor as `avgDivisor`), with identical results; `argmax` (max only) holds each output's winner
 * as an index within its sample, as there.
 */
export function wasmPoolKernel(k: WasmKernels, g: Window2D, countPad: boolean, X: Buf, Y: Buf, dY: Buf, dX: Buf | null, argmax: Buf | null): Kernel {
  const { C, H, W, kh, kw, sh, sw, dh, dw, padTop, padBottom, padLeft, padRight, Ho, Wo } = g;
  const inSize = C * H * W, outSize = C * Ho * Wo;
  const cp = countPad ? 1 : 0;
  return {
    forward(n) {
      if (argmax) k.maxPoolForward(X.byteOffset, Y.byteOffset, argmax.byteOffset, n, C, H, W, kh, kw, sh, sw, padTop, padLeft, Ho, Wo, dh, dw);
      else k.avgPoolForward(X.byteOffset, Y.byteOffset, n, C, H, W, kh, kw, sh, sw, padTop, padLeft, Ho, Wo, padBottom, padRight, cp, dh, dw);
    },
    backward(n) {
      if (!dX) return;
      if (argmax) k.maxPoolBackward(dY.byteOffset, argmax.byteOffset, dX.byteOffset, n, inSize, outSize);
      else k.avgPoolBackward(dY.byteOffset, dX.byteOffset, n, C, H, W, kh, kw, sh, sw, padTop, padLeft, Ho, Wo, padBottom, padRight, cp, dh, dw);
    },
  };
}
