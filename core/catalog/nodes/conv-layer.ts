import { directForwardPadFloats, wasmConvKernel } from '../../kernels/conv-wasm';
import { gemmFor, wasmKernelsFor } from '../../kernels/gemm';
import { col2imAdd, im2col } from '../../kernels/im2col';
import { PADDING_SPEC, windowGeometry, windowOutputShape, type Padding, type Window2D } from '../spatial';
import type { InitName, NodeKind, ParamValues, ShapeResult } from '../types';
import type { Buf } from '../../util/tensor';
import { DENSE_INITS } from './dense';

/** The window geometry of a convolution with these params, or why it does not fit. */
export function convGeometry(rank: 1 | 2, params: ParamValues, input: readonly number[]): { ok: true; g: Window2D } | { ok: false; message: string } {
  return windowGeometry(input, {
    rank,
    kernel: params.kernelSize as number,
    stride: params.stride as number,
    dilation: params.dilation as number,
    padding: params.padding as Padding,
    what: 'kernel',
  });
}

function inferConvShape(rank: 1 | 2, params: ParamValues, input: readonly number[]): ShapeResult {
  const r = convGeometry(rank, params, input);
  if (!r.ok) return { ok: false, port: 0, message: r.message };
  const groups = params.groups as number;
  const filters = params.filters as number;
  if (r.g.C % groups !== 0) {
    return { ok: false, port: 0, message: `has ${r.g.C} input channels, which cannot be split into ${groups} equal groups; groups must divide the number of input channels` };
  }
  if (filters % groups !== 0) {
    return { ok: false, port: 0, message: `has ${filters} filters, which cannot be split into ${groups} equal groups; make filters a multiple of groups` };
  }
  return { ok: true, shape: windowOutputShape(rank, filters, r.g) };
}

/**
 * Conv1D and Conv2D share everything but the number of spatial axes (1D runs as 2D with height 1).
 * The weight is `[filters, channels / groups, (kh,) kw]`, PyTorch's layout, so it exports unchanged.
 * Each sample and group is one im2col followed by a matrix product on the shared (SIMD) gemm kernels.
 */
export function convNode(rank: 1 | 2, base: Pick<NodeKind, 'type' | 'title' | 'explanation' | 'inputs' | 'outputs'>): NodeKind {
  return {
    ...base,
    category: 'layer',
    paletteGroup: 'Convolution',
    params: {
      filters: { kind: 'int', default: 8, min: 1, max: 4096, description: 'number of output channels (one learned filter each)' },
      kernelSize: { kind: 'int', default: 3, min: 1, max: 64, description: rank === 2 ? 'height and width of each filter (square)' : 'length of each filter' },
      stride: { kind: 'int', default: 1, min: 1, max: 64, description: 'step between neighbouring filter positions' },
      padding: PADDING_SPEC,
      dilation: { kind: 'int', default: 1, min: 1, max: 64, description: 'spacing between the taps of a filter (1: adjacent values)' },
      groups: { kind: 'int', default: 1, min: 1, max: 4096, description: 'split channels into this many independent groups (channels and filters must both divide by it)' },
      bias: { kind: 'boolean', default: true, description: 'add a learned bias to each output channel' },
      init: { kind: 'enum', default: 'he_uniform', options: DENSE_INITS, description: 'how the filter weights start' },
    },
    inferShape: ({ params, inputs }) => inferConvShape(rank, params, inputs[0]!),
    paramTensors({ params, inputs }) {
      const r = convGeometry(rank, params, inputs[0]!);
      if (!r.ok) throw new Error(r.message);
      const { C, kh, kw } = r.g;
      const F = params.filters as number;
      const Cg = C / (params.groups as number);
      const shape = rank === 2 ? [F, Cg, kh, kw] : [F, Cg, kw];
      const fanIn = Cg * kh * kw, fanOut = F * kh * kw;
      const specs = [{ name: 'W', shape, init: params.init as InitName, fanIn, fanOut, decay: true }];
      if (params.bias) specs.push({ name: 'b', shape: [F], init: 'zeros', fanIn, fanOut, decay: false });
      return specs;
    },
    createKernel({ params, inputShapes, buffers, alloc }) {
      const r = convGeometry(rank, params, inputShapes[0]!);
      if (!r.ok) throw new Error(r.message);
      const geo = r.g;
      const groups = params.groups as number;
      const F = params.filters as number;
      const hasBias = params.bias as boolean;
      const Cg = geo.C / groups, Fg = F / groups;
      const Kc = Cg * geo.kh * geo.kw;
      const P = geo.Ho * geo.Wo;
      const inSize = geo.C * geo.H * geo.W, outSize = F * P;
      const { inputs: [X], output: Y, params: [Wt, b], dOutput: dY, dInputs: [dX], dParams: [dW, db] } = buffers;
      // One sample's columns for one group, reused for every sample (and its gradient in backward).
      const col = alloc(Kc * P);
      const dcol = alloc(Kc * P);
      // The wasm forward's padded-input scratch, allocated on either path so the arena's measuring pass agrees.
      const padFloats = directForwardPadFloats(geo, groups);
      const xpad = padFloats > 0 ? alloc(padFloats) : null;
      const mm = gemmFor(X, Wt, b, Y, dY, dX, dW, db, col, dcol);
      // Every buffer in the wasm arena: the whole layer runs in wasm (the loops below are the reference).
      const wasm = mm.wasm ? wasmKernelsFor([X!, Wt!, Y, dY, dW!, col, dcol, ...[b, dX, db, xpad].filter((t): t is Buf => t != null)]) : null;
      if (wasm) return wasmConvKernel(wasm, geo, groups, F, { X: X!, Wt: Wt!, b: hasBias ? b! : null, Y, dY, dX: dX ?? null, dW: dW!, db: hasBias ? db! : null, col, dcol, xpad });
      return {
        forward(n) {
          for (let s = 0; s < n; s++) {
            for (let gi = 0; gi < groups; gi++) {
              im2col(X!, s * inSize, gi * Cg, Cg, geo, col);
              mm.mm(Wt!, gi * Fg * Kc, col, 0, Y, s * outSize + gi * Fg * P, Fg, Kc, P, false);
            }
            if (!hasBias) continue;
            for (let f = 0; f < F; f++) {
              const o = s * outSize + f * P, bf = b![f]!;
              for (let p = 0; p < P; p++) Y[o + p] += bf;
            }
          }
        },
        backward(n) {
          for (let s = 0; s < n; s++) {
            for (let gi = 0; gi < groups; gi++) {
              const yOff = s * outSize + gi * Fg * P;
              // Recomputing the columns costs far less than the products and keeps memory at one sample.
              im2col(X!, s * inSize, gi * Cg, Cg, geo, col);
              mm.mmTB(dY, yOff, col, 0, dW!, gi * Fg * Kc, Fg, P, Kc, true);
              if (dX) {
                mm.mmTA(Wt!, gi * Fg * Kc, dY, yOff, dcol, 0, Fg, Kc, P, false);
                col2imAdd(dcol, gi * Cg, Cg, geo, dX, s * inSize);
              }
            }
            if (!hasBias) continue;
            for (let f = 0; f < F; f++) {
              const o = s * outSize + f * P;
              let sum = 0;
              for (let p = 0; p < P; p++) sum += dY[o + p]!;
              db![f] += sum;
            }
          }
        },
      };
    },
  };
}
