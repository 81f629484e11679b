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
  // Per side (ONNX's rule): under a whole window, so every window still covers at least one input value.
  if (Array.isArray(padding) && padding.some((p) => p >= k)) {
    return { ok: false, message: `padding [${padding.join(', ')}] has a side of a whole pool window (${k}) or more; a window there would hold only padding` };
  }
  const dilation = (params.dilation as number | undefined) ?? 1;
  const r = windowGeometry(input, { rank, kernel: k, stride: poolStride(params), dilation, padding, what: 'pool window', ceilMode: params.ceilMode === true });
  if (!r.ok || dilation === 1) return r;
  // Dilated taps can step over a short input entirely, leaving a window of padding only (no max, no mean).
  const { g } = r;
  const empty = (n: number, out: number, before: number, kk: number, s: number, d: number) =>
    Array.from({ length: out }, (_, o) => o).find((o) => tapsInside(o * s - before, kk, d, 0, n) === 0);
  const bad = empty(g.W, g.Wo, g.padLeft, g.kw, g.sw, g.dw) ?? (rank === 2 ? empty(g.H, g.Ho, g.padTop, g.kh, g.sh, g.dh) : undefined);
  if (bad !== undefined) return { ok: false, message: `with dilation ${dilation} a pool window (number ${bad + 1}) falls only on padding, stepping over every input value; use a smaller dilation or less padding` };
  return r;
}

/** How many of the k taps from `start`, `d` apart, fall in [lo, hi). */
export function tapsInside(start: number, k: number, d: number, lo: number, hi: number): number {
  const first = Math.max(0, Math.ceil((lo - start) / d));
  const last = Math.min(k - 1, Math.floor((hi - 1 - start) / d));
  return Math.max(0, last - first + 1);
}

/**
 * The divisor of an average window starting at (y0, x0) (may be negative: in the padding). With
 * `countPad` (PyTorch's count_include_pad) the taps inside the padded map, padding zeros counted; otherwise
 * only the taps on input values (ONNX's rule, dilation included). Whole windows divide by kh·kw either way.
 */
export function avgDivisor(g: Window2D, y0: number, x0: number, countPad: boolean): number {
  const { H, W, kh, kw, dh, dw, padTop, padBottom, padLeft, padRight } = g;
  if (countPad) return tapsInside(y0, kh, dh, -padTop, H + padBottom) * tapsInside(x0, kw, dw, -padLeft, W + padRight);
  return tapsInside(y0, kh, dh, 0, H) * tapsInside(x0, kw, dw, 0, W);
}

/**
 * Max and average pooling over [C, L] or [C, H, W], each channel on its own. Max remembers where each
 * maximum came from so backward sends the gradient only there; a window reaching past the input (padding,
 * or ceil mode's last partial window) takes the max of the values it holds. Average divides by
 * `avgDivisor`: by default the padded window (PyTorch's count_include_pad=True), or only the values inside.
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
      ceilMode: { kind: 'boolean', default: false, description: 'round the number of windows up: a last, partial window covers what is left at the end (PyTorch\'s and ONNX\'s ceil_mode)' },
      dilation: {
        kind: 'int', default: 1, min: 1, max: 16,
        description: op === 'max'
          ? 'spacing between the values a window compares (1: adjacent), as PyTorch\'s MaxPool dilation'
          : 'spacing between the values a window averages (1: adjacent), as ONNX\'s AveragePool dilations (PyTorch\'s AvgPool has none)',
      },
      ...(op === 'avg'
        ? { countIncludePad: { kind: 'boolean' as const, default: true, description: 'divide by the whole window, padding zeros included (PyTorch\'s default); off: by the input values in the window only (ONNX\'s default)' } }
        : {}),
    },
    inferShape({ params, inputs }) {
      const r = poolGeometry(rank, params, inputs[0]!);
      return r.ok ? { ok: true, shape: windowOutputShape(rank, r.g.C, r.g) } : { ok: false, port: 0, message: r.message };
    },
    paramTensors: () => [],
    createKernel({ params, inputShapes, maxBatch, buffers, alloc }) {
      const r = poolGeometry(rank, params, inputShapes[0]!);
      if (!r.ok) throw new Error(r.message);
      const g = r.g;
      const { C, H, W, kh, kw, sh, sw, dh, dw, padTop, padLeft, Ho, Wo } = g;
      const inSize = C * H * W, outSize = C * Ho * Wo;
      const inv = 1 / (kh * kw);
      const countPad = params.countIncludePad !== false;
      const { inputs: [X], output: Y, dOutput: dY, dInputs: [dX] } = buffers;
      // Max only: the index within the sample of each output's winner (exact in f32 below 2^24).
      const argmax = op === 'max' ? alloc(maxBatch * outSize) : null;
      // Every buffer in the wasm arena: the same loops in wasm (those below are the reference and fallback).
      const wasm = wasmKernelsFor([X!, Y, dY, ...(dX ? [dX] : []), ...(argmax ? [argmax] : [])]);
      if (wasm) return wasmPoolKernel(wasm, g, countPad, X!, Y, dY, dX ?? null, argmax);
      // No window reaches outside the map (no padding, windows tile inside): the forward needs no bounds checks.
      const inside = padTop === 0 && padLeft === 0 && (Ho - 1) * sh + dh * (kh - 1) + 1 <= H && (Wo - 1) * sw + dw * (kw - 1) + 1 <= W;
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
                  const ri = w0 + i * dh * W;
                  for (let j = 0; j < kw; j++) {
                    const v = X![xs + ri + j * dw]!;
                    // Strictly greater: the first of equal values wins, as in PyTorch.
                    if (v > best || at < 0) { best = v; at = ri + j * dw; }
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
                    const y = y0 + i * dh;
                    if (y < 0 || y >= H) continue;
                    for (let j = 0; j < kw; j++) {
                      const x = x0 + j * dw;
                      if (x < 0 || x >= W) continue;
                      const idx = c * H * W + y * W + x;
                      const v = X![xs + idx]!;
                      // Strictly greater: the first of equal values wins, as in PyTorch.
                      if (v > best || at < 0) { best = v; at = idx; }
                      sum += v;
                    }
                  }
                  if (argmax) { Y[o] = best; argmax[o] = at; } else Y[o] = sum * (1 / avgDivisor(g, y0, x0, countPad));
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
                  const d = dY[o]! * (1 / avgDivisor(g, y0, x0, countPad));
                  for (let i = 0; i < kh; i++) {
                    const y = y0 + i * dh;
                    if (y < 0 || y >= H) continue;
                    for (let j = 0; j < kw; j++) {
                      const x = x0 + j * dw;
                      if (x >= 0 && x < W) dX[xs + c * H * W + y * W + x] += d;
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
