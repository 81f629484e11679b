import { describe, expect, it, vi } from 'vitest';
import { getNodeKind } from '../../../core/catalog';
import { withDefaults } from '../../../core/catalog/params';
import type { Kernel, KernelBuffers } from '../../../core/catalog/types';
import { Arena } from '../../../core/engine/arena';
import { windowGeometry } from '../../../core/catalog/spatial';
import { directForwardFits, wasmConvKernel } from '../../../core/kernels/conv-wasm';
import { wasmKernelsFor } from '../../../core/kernels/gemm';
import { col2imAdd, im2col } from '../../../core/kernels/im2col';
import { wasmPoolKernel } from '../../../core/kernels/pool-wasm';
import type { KernelFlavor } from '../../../core/kernels/wasm/module';
import { mulberry32 } from '../../../core/util/rng';
import { sizeOf, type Buf, type Shape } from '../../../core/util/tensor';
import { convGraphs } from '../../exporters/helpers/conv-graphs';
import { expectBackendsAgree, planWithData } from './helpers/backends-agree';

vi.mock('../../../core/kernels/conv-wasm', { spy: true });
vi.mock('../../../core/kernels/pool-wasm', { spy: true });

/*
 * Convolution, pooling and ReLU on the wasm kernels (assembly/conv.ts, pool.ts, relu.ts) against the TS
 * loops they replace, one kernel at a time on the same values: a partial batch, odd maps (vector tails),
 * strides, dilation, padding on one side, groups, 1D. Pooling and ReLU only compare and copy, so they must
 * agree bit for bit; a convolution's sums start from the bias and run in SIMD lanes, so within f32 rounding.
 */
type Case = { type: string; params: Record<string, unknown>; input: Shape };

const CONVS: Case[] = [
  { type: 'Conv2D', params: { filters: 6, kernelSize: 5, padding: 2 }, input: [1, 28, 28] },
  { type: 'Conv2D', params: { filters: 16, kernelSize: 5, padding: 'valid' }, input: [6, 14, 14] },
  { type: 'Conv2D', params: { filters: 4, kernelSize: 3, stride: 2, padding: 'same' }, input: [3, 9, 7] },
  { type: 'Conv2D', params: { filters: 4, kernelSize: 2, groups: 2, padding: 1, bias: false }, input: [4, 5, 6] },
  { type: 'Conv2D', params: { filters: 3, kernelSize: 3, dilation: 2, stride: 3, padding: 4 }, input: [2, 8, 5] },
  { type: 'Conv1D', params: { filters: 5, kernelSize: 3, dilation: 2, padding: 'same' }, input: [3, 11] },
  { type: 'Conv2D', params: { filters: 2, kernelSize: 5, padding: 2 }, input: [8, 32, 32] },
  // The direct forward (no im2col): 'same' padding uneven (1 | 2), a row of 13 (last block overlaps), 7 filters (4 + 3), no bias.
  { type: 'Conv2D', params: { filters: 7, kernelSize: 4, padding: 'same', bias: false }, input: [2, 9, 13] },
  { type: 'Conv1D', params: { filters: 5, kernelSize: 3, padding: 'same' }, input: [3, 20] },
];

const POOLS: Case[] = [
  { type: 'MaxPool2D', params: { poolSize: 2 }, input: [6, 28, 28] },
  { type: 'MaxPool2D', params: { poolSize: 2 }, input: [3, 10, 14] },
  { type: 'MaxPool2D', params: { poolSize: 2 }, input: [2, 7, 9] },
  { type: 'MaxPool2D', params: { poolSize: 2 }, input: [16, 10, 10] },
  { type: 'MaxPool2D', params: { poolSize: 2 }, input: [3, 6, 7] },
  { type: 'MaxPool2D', params: { poolSize: 3, stride: 2, padding: 'same' }, input: [2, 9, 8] },
  { type: 'MaxPool2D', params: { poolSize: 2, stride: 1, padding: 1 }, input: [1, 5, 6] },
  { type: 'MaxPool1D', params: { poolSize: 2, stride: 1, padding: 'same' }, input: [3, 7] },
  { type: 'AvgPool2D', params: { poolSize: 3, stride: 2, padding: 1 }, input: [2, 9, 7] },
  { type: 'AvgPool2D', params: { poolSize: 2 }, input: [4, 6, 6] },
  { type: 'AvgPool1D', params: { poolSize: 2, stride: 1, padding: 1 }, input: [2, 6] },
  // Partial last windows (ceil mode), uneven per-side padding and ONNX's divisor (padding left out).
  { type: 'MaxPool2D', params: { poolSize: 3, stride: 2, ceilMode: true }, input: [2, 6, 7] },
  { type: 'MaxPool2D', params: { poolSize: 3, stride: 2, padding: [0, 0, 1, 1] }, input: [2, 6, 6] },
  { type: 'MaxPool2D', params: { poolSize: 2, stride: 1, dilation: 2 }, input: [3, 6, 6] },
  { type: 'MaxPool1D', params: { poolSize: 3, stride: 2, dilation: 2, padding: 1, ceilMode: true }, input: [2, 11] },
  { type: 'AvgPool2D', params: { poolSize: 3, stride: 2, dilation: 2, padding: [2, 0, 1, 2], ceilMode: true, countIncludePad: false }, input: [2, 7, 6] },
  { type: 'AvgPool2D', params: { poolSize: 2, stride: 2, dilation: 2, padding: 1, ceilMode: true }, input: [2, 6, 7] },
  { type: 'AvgPool2D', params: { poolSize: 3, stride: 2, padding: 1, ceilMode: true }, input: [2, 6, 7] },
  { type: 'AvgPool2D', params: { poolSize: 3, stride: 2, padding: [1, 0, 0, 2], ceilMode: true, countIncludePad: false }, input: [2, 7, 6] },
  { type: 'AvgPool1D', params: { poolSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false }, input: [3, 8] },
];

interface Built { kernel: Kernel; buffers: KernelBuffers }

/** One kernel over f32 buffers from `alloc` (an arena's: the wasm path; plain arrays: the TS path), filled from `seed`. */
function build(c: Case, alloc: (n: number) => Float32Array, maxBatch: number, seed: number, ties = false): Built {
  const kind = getNodeKind(c.type)!;
  const params = withDefaults(kind, c.params);
  const shape = kind.inferShape({ params, inputs: [c.input], dataset: { inputShape: c.input, target: { kind: 'binary' } } });
  if (!shape.ok) throw new Error(shape.message);
  const rng = mulberry32(seed);
  // With `ties`, inputs come from a few levels so max windows hold equal values (the first must win).
  const fill = (b: Float32Array) => { for (let i = 0; i < b.length; i++) b[i] = ties ? Math.floor(rng.next() * 3) - 1 : rng.next() * 2 - 1; return b; };
  const X = fill(alloc(maxBatch * sizeOf(c.input)));
  const specs = kind.paramTensors({ params, inputs: [c.input], output: shape.shape });
  const P = specs.map((s) => fill(alloc(sizeOf(s.shape))));
  const outLen = maxBatch * sizeOf(shape.shape);
  const buffers: KernelBuffers = {
    inputs: [X], output: alloc(outLen), params: P, dInputs: [alloc(X.length)], dOutput: fill(alloc(outLen)),
    dParams: P.map((p) => alloc(p.length)),
  };
  const kernel = kind.createKernel({
    params, inputShapes: [c.input], outputShape: shape.shape, maxBatch, dtype: 'f32', buffers, alloc,
    rng: mulberry32(1), attrs: {},
  });
  return { kernel, buffers };
}

function run(b: Built, n: number): Buf[] {
  b.kernel.forward(n, true);
  b.kernel.backward!(n);
  return [b.buffers.output, ...b.buffers.dInputs.map((d) => d!), ...b.buffers.dParams];
}

const name = (c: Case) => `${c.type} ${JSON.stringify(c.params)} on ${c.input.join('×')}`;

describe.each(['simd', 'fma'] as KernelFlavor[])('wasm convolution, pooling and ReLU (%s build)', (flavor) => {
  const pair = (c: Case, ties = false) => {
    const arena = Arena.tryCreate(4_000_000, flavor);
    if (!arena) return null;
    return { fast: build(c, arena.alloc, 3, 5, ties), ref: build(c, (n) => new Float32Array(n), 3, 5, ties) };
  };

  it('covers both forwards: straight from the input and through im2col', () => {
    const direct = CONVS.map((c) => {
      const rank = c.input.length === 3 ? 2 : 1;
      const r = windowGeometry(c.input, { rank, kernel: c.params.kernelSize as number, stride: (c.params.stride as number) ?? 1, dilation: (c.params.dilation as number) ?? 1, padding: c.params.padding as never, what: 'kernel' });
      return r.ok && directForwardFits(r.g, (c.params.groups as number) ?? 1);
    });
    expect(direct.filter(Boolean).length).toBe(5);
    expect(direct.filter((d) => !d).length).toBe(4);
  });

  it.each(CONVS.map((c) => [name(c), c] as const))('%s agrees with the TS kernel within rounding', (_, c) => {
    vi.mocked(wasmConvKernel).mockClear();
    const p = pair(c);
    if (!p) return expect(flavor).toBe('fma'); // no relaxed SIMD here: only the fma build may be missing
    expect(wasmConvKernel).toHaveBeenCalledTimes(1);
    const fast = run(p.fast, 2), ref = run(p.ref, 2);
    ref.forEach((r, k) => {
      let scale = 0, worst = 0;
      for (let i = 0; i < r.length; i++) scale = Math.max(scale, Math.abs(r[i]!));
      for (let i = 0; i < r.length; i++) worst = Math.max(worst, Math.abs(fast[k]![i]! - r[i]!));
      expect(scale, `buffer ${k} is exercised`).toBeGreaterThan(0);
      expect(worst, `buffer ${k}`).toBeLessThanOrEqual(2e-6 * scale);
    });
    // Rows past the live batch stay untouched (the bias fill and products are per sample).
    const out = p.fast.buffers.output;
    expect(out.subarray((out.length / 3) * 2).every((v) => v === 0)).toBe(true);
  });

  it.each(POOLS.flatMap((c) => [[name(c), c, false], [`${name(c)} with ties`, c, true]] as const))('%s is bit-identical to the TS kernel', (_, c, ties) => {
    vi.mocked(wasmPoolKernel).mockClear();
    const p = pair(c, ties);
    if (!p) return expect(flavor).toBe('fma');
    expect(wasmPoolKernel).toHaveBeenCalledTimes(1);
    const fast = run(p.fast, 2), ref = run(p.ref, 2);
    ref.forEach((r, k) => expect(Array.from(fast[k]!), `buffer ${k}`).toEqual(Array.from(r)));
  });

  it.each(CONVS.map((c) => [name(c), c] as const))('im2col and col2imAdd of %s are exactly the TS copies', (_, c) => {
    const arena = Arena.tryCreate(1_000_000, flavor);
    if (!arena) return expect(flavor).toBe('fma');
    const r = windowGeometry(c.input, { rank: c.input.length === 3 ? 2 : 1, kernel: c.params.kernelSize as number, stride: (c.params.stride as number) ?? 1, dilation: (c.params.dilation as number) ?? 1, padding: c.params.padding as never, what: 'kernel' });
    if (!r.ok) throw new Error(r.message);
    const g = r.g, P = g.Ho * g.Wo, K = g.C * g.kh * g.kw, inLen = g.C * g.H * g.W;
    const rng = mulberry32(4);
    const x = arena.alloc(inLen), col = arena.alloc(K * P).fill(NaN), dx = arena.alloc(inLen);
    for (let i = 0; i < inLen; i++) { x[i] = rng.next() * 2 - 1; dx[i] = rng.next(); }
    const ref = new Float32Array(K * P), refDx = Float32Array.from(dx);
    const k = wasmKernelsFor([x, col, dx])!;
    k.im2col(x.byteOffset, col.byteOffset, g.C, g.H, g.W, g.kh, g.kw, g.sh, g.sw, g.dh, g.dw, g.padTop, g.padLeft, g.Ho, g.Wo);
    im2col(x, 0, 0, g.C, g, ref);
    expect(Array.from(col)).toEqual(Array.from(ref)); // every entry written: the NaN fill is gone
    k.col2imAdd(col.byteOffset, dx.byteOffset, g.C, g.H, g.W, g.kh, g.kw, g.sh, g.sw, g.dh, g.dw, g.padTop, g.padLeft, g.Ho, g.Wo);
    col2imAdd(ref, 0, g.C, g, refDx, 0);
    expect(Array.from(dx)).toEqual(Array.from(refDx));
  });

  it('ReLU is bit-identical to the TS loop (odd length, zeros and −0 included)', () => {
    const arena = Arena.tryCreate(100_000, flavor);
    if (!arena) return expect(flavor).toBe('fma');
    const c: Case = { type: 'Activation', params: { fn: 'relu' }, input: [37] };
    const fast = build(c, arena.alloc, 3, 9), ref = build(c, (n) => new Float32Array(n), 3, 9);
    for (const b of [fast, ref]) { b.buffers.inputs[0]![3] = 0; b.buffers.inputs[0]![5] = -0; }
    const f = run(fast, 3), r = run(ref, 3);
    r.forEach((v, k) => expect(Array.from(f[k]!).map((x) => Object.is(x, -0) ? 0 : x)).toEqual(Array.from(v).map((x) => Object.is(x, -0) ? 0 : x)));
    expect(Object.is(f[0]![5], 0)).toBe(true); // relu(−0) is +0, as x > 0 ? x : 0
  });
});

/** The exporter tests' convolution graphs, whole, through the executor: wasm and TS agree on the loss and every gradient. */
describe('convolution graphs: wasm and TS executors agree', () => {
  it.each(convGraphs().map((g) => [g.name, g.graph] as const))('%s', async (_, graph) => {
    const { plan, data } = await planWithData(graph);
    expectBackendsAgree(plan, data, 99, false);
  });
});
