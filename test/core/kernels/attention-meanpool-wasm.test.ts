import { describe, expect, it } from 'vitest';
import { getNodeKind } from '../../../core/catalog';
import { withDefaults } from '../../../core/catalog/params';
import type { Kernel, KernelBuffers } from '../../../core/catalog/types';
import { Arena } from '../../../core/engine/arena';
import type { KernelFlavor } from '../../../core/kernels/wasm/module';
import { mulberry32 } from '../../../core/util/rng';
import { sizeOf, type Buf, type Shape } from '../../../core/util/tensor';

/*
 * Self-attention (its row softmax and softmax backward in assembly/attention-softmax.ts) and MeanPool
 * (assembly/mean-pool.ts) on the wasm kernels against the same nodes on plain arrays (TS loops and the TS
 * gemm), same values: odd T (vector tails), causal masks, two heads, a partial batch. Attention agrees within
 * f32 rounding; MeanPool only adds and scales as the TS loop does, so bit for bit.
 */
type Case = { type: string; params: Record<string, unknown>; input: Shape };
interface Built { kernel: Kernel; buffers: KernelBuffers }

function build(c: Case, alloc: (n: number) => Float32Array, maxBatch: number): Built {
  const kind = getNodeKind(c.type)!;
  const params = withDefaults(kind, c.params);
  const shape = kind.inferShape({ params, inputs: [c.input], dataset: { inputShape: c.input, target: { kind: 'binary' } } });
  if (!shape.ok) throw new Error(shape.message);
  const rng = mulberry32(7);
  const fill = (b: Float32Array, s = 1) => { for (let i = 0; i < b.length; i++) b[i] = (rng.next() * 2 - 1) * s; return b; };
  const X = fill(alloc(maxBatch * sizeOf(c.input)), 2);
  const P = kind.paramTensors({ params, inputs: [c.input], output: shape.shape }).map((s) => fill(alloc(sizeOf(s.shape))));
  const outLen = maxBatch * sizeOf(shape.shape);
  const buffers: KernelBuffers = {
    inputs: [X], output: alloc(outLen), params: P, dInputs: [alloc(X.length)], dOutput: fill(alloc(outLen)),
    dParams: P.map((p) => alloc(p.length)),
  };
  const kernel = kind.createKernel({
    params, inputShapes: [c.input], outputShape: shape.shape, maxBatch, dtype: 'f32', buffers, alloc, rng: mulberry32(1), attrs: {},
  });
  return { kernel, buffers };
}

function run(b: Built, n: number): Buf[] {
  b.kernel.forward(n, true);
  b.kernel.backward!(n);
  return [b.buffers.output, ...b.buffers.dInputs.map((d) => d!), ...b.buffers.dParams];
}

const ATTENTION: Case[] = [
  { type: 'SelfAttention', params: { heads: 1, dModel: 32, causal: false }, input: [16, 32] },
  { type: 'SelfAttention', params: { heads: 1, dModel: 8, causal: true }, input: [7, 5] },
  { type: 'SelfAttention', params: { heads: 2, dModel: 12, causal: true }, input: [9, 6] },
  { type: 'SelfAttention', params: { heads: 2, dModel: 8, causal: false }, input: [3, 4] },
];
const MEAN: Case[] = [
  { type: 'MeanPool', params: {}, input: [16, 32] },
  { type: 'MeanPool', params: {}, input: [7, 5] },
  { type: 'MeanPool', params: {}, input: [3, 1] },
];
const name = (c: Case) => `${c.type} ${JSON.stringify(c.params)} on ${c.input.join('×')}`;

describe.each(['simd', 'fma'] as KernelFlavor[])('wasm attention softmax and mean pool (%s build)', (flavor) => {
  const pair = (c: Case) => {
    const arena = Arena.tryCreate(4_000_000, flavor);
    if (!arena) return null;
    return { fast: build(c, arena.alloc, 3), ref: build(c, (n) => new Float32Array(n), 3) };
  };

  it.each(ATTENTION.map((c) => [name(c), c] as const))('%s agrees with the TS kernel within rounding', (_, c) => {
    const p = pair(c);
    if (!p) return expect(flavor).toBe('fma'); // no relaxed SIMD here: only the fma build may be missing
    const fast = run(p.fast, 2), ref = run(p.ref, 2);
    const attn = (b: Built) => b.kernel.inspect!().attention!;
    // The attention rows are probabilities; masked (future) entries exactly 0 in both.
    const a = attn(p.fast), aRef = attn(p.ref);
    for (let i = 0; i < a.length; i++) {
      expect(Math.abs(a[i]! - aRef[i]!), `attention[${i}]`).toBeLessThanOrEqual(2e-6);
      if (aRef[i] === 0) expect(a[i]).toBe(0);
    }
    // The key bias's gradient is 0 in exact arithmetic (a shift of every score in a row leaves its softmax
    // unchanged), so both sides hold rounding noise there: its tolerance is scaled by the largest gradient.
    const absMax = (r: Buf) => { let m = 0; for (let i = 0; i < r.length; i++) m = Math.max(m, Math.abs(r[i]!)); return m; };
    const gradScale = Math.max(...ref.slice(1).map(absMax));
    ref.forEach((r, k) => {
      const scale = absMax(r);
      let worst = 0;
      for (let i = 0; i < r.length; i++) worst = Math.max(worst, Math.abs(fast[k]![i]! - r[i]!));
      expect(scale, `buffer ${k} is exercised`).toBeGreaterThan(0);
      const dbk = k === 5;
      expect(worst, `buffer ${k}`).toBeLessThanOrEqual(1e-5 * (dbk ? gradScale : scale));
    });
    // The vector exp is not bit-identical to Math.exp: some difference shows the wasm rows ran.
    expect(Array.from(a).some((v, i) => v !== aRef[i])).toBe(true);
  });

  it.each(MEAN.map((c) => [name(c), c] as const))('%s is bit-identical to the TS kernel', (_, c) => {
    const p = pair(c);
    if (!p) return expect(flavor).toBe('fma');
    const fast = run(p.fast, 2), ref = run(p.ref, 2);
    ref.forEach((r, k) => expect(Array.from(fast[k]!), `buffer ${k}`).toEqual(Array.from(r)));
    // Rows past the live batch stay untouched.
    const out = p.fast.buffers.output;
    expect(out.subarray((out.length / 3) * 2).every((v) => v === 0)).toBe(true);
  });
});
