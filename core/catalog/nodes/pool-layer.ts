import { PADDING_SPEC, windowGeometry, windowOutputShape, type Padding, type Window2D } from '../spatial';
import type { NodeKind, ParamValues } from '../types';
import { wasmKernelsFor } from '../../kernels/gemm';
import { wasmPoolKernel } from '../../kernels/pool-wasm';

export type PoolOp = 'max' | 'avg';

/** The pool's step: `stride` 0 means one whole window (no overlap), as Keras' default. */
export function poolStride(params: ParamValues): number {
  const s = params.stride as number;
  return s === 0 ? (params.poolSize as number) : s;
}

export function poolGeometry(rank: 1 | 2, params: ParamValues, input: readonly number[]): { ok: true; g: Window2D } | { ok: false; message: string } {
  const k = params.poolSize as number;
  const padding = params.padding as Padding;
  // PyTorch refuses more than half a window of padding: a window made only of padding has no value.
  if (typeof padding === 'number' && padding > Math.floor(k / 2)) {
    return { ok: false, message: `padding ${padding} is more than half the pool window (${k}); use at most ${Math.floor(k / 2)} or "same"` };
  }
  return windowGeometry(input, { rank, kernel: k, stride: poolStride(params), dilation: 1, padding, what: 'pool window' });
}

/**
 * Max and average pooling over [C, L] or [C, H, W], each channel on its own. Max remembers where each
 * maximum came from so backward sends the gradient only there. Average divides by the full window size,
 * counting padding zeros (PyTorch's default, count_include_pad=True).
 */
export function poolNode(op: PoolOp, rank: 1 | 2, base: Pick<NodeKind, 'type' | 'title' | 'explanation' | 'inputs' | 'outputs'>): NodeKind {
  return {
    ...base,
    category: 'layer',
    paletteGroup: 'Pooling',
    params: {
      poolSize: { kind: 'int', default: 2, min: 1, max: 64, description: rank === 2 ? 'height and width of each window (square)' : 'length of each window' },
      stride: { kind: 'int', default: 0, min: 0, max: 64, description: 'step between windows (0: the window size, so windows do not overlap)' },
      padding: PADDING_SPEC,
    },
    inferShape({ params, inputs }) {
      const r = poolGeometry(rank, params, inputs[0]!);
      return r.ok ? { ok: true, shape: windowOutputShape(rank, r.g.C, r.g) } : { ok: false, port: 0, message: r.message };
    },
    paramTensors: () => [],
    createKernel({ params, inputShapes, maxBatch, buffers, alloc }) {
      const r = poolGeometry(rank, params, inputShapes[0]!);
      if (!r.ok) throw new Error(r.message);
      const { C, H, W, kh, kw, sh, sw, padTop, padLeft, Ho, Wo } = r.g;
      const inSize = C * H * W, outSize = C * Ho * Wo;
      const inv = 1 / (kh * kw);
      const { inputs: [X], output: Y, dOutput: dY, dInputs: [dX] } = buffers;
      // Max only: the index within the sample of each output's winner (exact in f32 below 2^24).
      const argmax = op === 'max' ? alloc(maxBatch * outSize) : null;
      // Every buffer in the wasm arena: the same loops in wasm (those below are the reference and fallback).
      const wasm = wasmKernelsFor([X!, Y, dY, ...(dX ? [dX] : []), ...(argmax ? [argmax] : [])]);
      if (wasm) return wasmPoolKernel(wasm, r.g, X!, Y, dY, dX ?? null, argmax);
      // No window reaches outside the map (no padding, windows tile inside): the forward needs no bounds checks.
      const inside = padTop === 0 && padLeft === 0 && (Ho - 1) * sh + kh <= H && (Wo - 1) * sw + kw <= W;
      const forwardInside = (n: number) => {
        for (let s = 0; s < n; s++) {
          const xs = s * inSize;
          let o = s * outSize;
          for (let c = 0; c < C; c++) {
            const xc = c * H * W;
            for (let oy = 0; oy < Ho; oy++) {
              const r0 = xc + oy * sh * W;
              for (let ox = 0; ox < Wo; ox++, o++) {
                const w0 = r0 + ox * sw;
                let best = -Infinity, at = -1, sum = 0;
                for (let i = 0; i < kh; i++) {
                  const ri = w0 + i * W;
                  for (let j = 0; j < kw; j++) {
                    const v = X![xs + ri + j]!;
                    // Strictly greater: the first of equal values wins, as in PyTorch.
                    if (v > best || at < 0) { best = v; at = ri + j; }
                    sum += v;
                  }
                }
                if (argmax) { Y[o] = best; argmax[o] = at; } else Y[o] = sum * inv;
              }
            }
          }
        }
      };
      return {
        forward(n) {
          if (inside) return forwardInside(n);
          for (let s = 0; s < n; s++) {
            const xs = s * inSize;
            let o = s * outSize;
            for (let c = 0; c < C; c++) {
              for (let oy = 0; oy < Ho; oy++) {
                const y0 = oy * sh - padTop;
                for (let ox = 0; ox < Wo; ox++, o++) {
                  const x0 = ox * sw - padLeft;
                  let best = -Infinity, at = -1, sum = 0;
                  for (let i = 0; i < kh; i++) {
                    const y = y0 + i;
                    if (y < 0 || y >= H) continue;
                    for (let j = 0; j < kw; j++) {
                      const x = x0 + j;
                      if (x < 0 || x >= W) continue;
                      const idx = c * H * W + y * W + x;
                      const v = X![xs + idx]!;
                      // Strictly greater: the first of equal values wins, as in PyTorch.
                      if (v > best || at < 0) { best = v; at = idx; }
                      sum += v;
                    }
                  }
                  if (argmax) { Y[o] = best; argmax[o] = at; } else Y[o] = sum * inv;
                }
              }
            }
          }
        },
        backward(n) {
          if (!dX) return;
          if (argmax) {
            for (let s = 0; s < n; s++) {
              const xs = s * inSize, os = s * outSize;
              for (let o = 0; o < outSize; o++) dX[xs + argmax[os + o]!] += dY[os + o]!;
            }
            return;
          }
          for (let s = 0; s < n; s++) {
            const xs = s * inSize;
            let o = s * outSize;
            for (let c = 0; c < C; c++) {
              for (let oy = 0; oy < Ho; oy++) {
                const y0 = oy * sh - padTop;
                for (let ox = 0; ox < Wo; ox++, o++) {
                  const x0 = ox * sw - padLeft;
                  const g = dY[o]! * inv;
                  for (let i = 0; i < kh; i++) {
                    const y = y0 + i;
                    if (y < 0 || y >= H) continue;
                    for (let j = 0; j < kw; j++) {
                      const x = x0 + j;
                      if (x >= 0 && x < W) dX[xs + c * H * W + y * W + x] += g;
                    }
                  }
                }
              }
            }
          }
        },
      };
    },
  };
}
