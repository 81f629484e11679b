import { describe, expect, it } from 'vitest';
import { getNodeKind } from '../../../core/catalog';
import { withDefaults } from '../../../core/catalog/params';
import type { Kernel, KernelBuffers } from '../../../core/catalog/types';
import { Arena } from '../../../core/engine/arena';
import { wasmKernelsFor } from '../../../core/kernels/gemm';
import type { KernelFlavor } from '../../../core/kernels/wasm/module';
import { mulberry32 } from '../../../core/util/rng';

/*
 * Sigmoid and tanh on the wasm kernels (assembly/activations.ts, the vector exp of vmath.ts) against the TS
 * loops they replace in an Activation node, on the same values: an odd length (the scalar tail), a partial
 * batch, inputs from tiny (tanh's Taylor branch below 0.3) to saturating (±100). Forward within a few f32
 * ulp of the f64-evaluated TS value; backward within f32 rounding of the three-factor product.
 */
interface Built { kernel: Kernel; buffers: KernelBuffers }

const LEN = 37;
const BATCH = 3;

function inputs(): number[] {
  const rng = mulberry32(11);
  const xs = [0, -0, 1e-6, -3e-4, 0.29, -0.31, 5, -8, 20, -30, 100, -100, 88.5, -87.5];
  while (xs.length < LEN * BATCH) xs.push((rng.next() * 2 - 1) * 6);
  return xs;
}

function build(fn: string, alloc: (n: number) => Float32Array): Built {
  const kind = getNodeKind('Activation')!;
  const params = withDefaults(kind, { fn });
  const rng = mulberry32(3);
  const X = alloc(LEN * BATCH);
  X.set(inputs());
  const dY = alloc(LEN * BATCH);
  for (let i = 0; i < dY.length; i++) dY[i] = rng.next() * 2 - 1;
  const dX = alloc(LEN * BATCH);
  for (let i = 0; i < dX.length; i++) dX[i] = 0.25; // backward accumulates into what is there
  const buffers: KernelBuffers = { inputs: [X], output: alloc(LEN * BATCH), params: [], dInputs: [dX], dOutput: dY, dParams: [] };
  const kernel = kind.createKernel({
    params, inputShapes: [[LEN]], outputShape: [LEN], maxBatch: BATCH, dtype: 'f32', buffers, alloc, rng: mulberry32(1), attrs: {},
  });
  return { kernel, buffers };
}

describe.each(['simd', 'fma'] as KernelFlavor[])('wasm sigmoid and tanh (%s build)', (flavor) => {
  it.each(['sigmoid', 'tanh'])('%s agrees with the TS loop within float tolerance', (fn) => {
    const arena = Arena.tryCreate(1_000_000, flavor);
    if (!arena) return expect(flavor).toBe('fma'); // no relaxed SIMD here: only the fma build may be missing
    const fast = build(fn, arena.alloc);
    const ref = build(fn, (n) => new Float32Array(n));
    expect(wasmKernelsFor([fast.buffers.output])).not.toBeNull();
    expect(wasmKernelsFor([ref.buffers.output])).toBeNull();
    const n = 2; // a partial batch: the third sample must stay untouched
    for (const b of [fast, ref]) {
      b.kernel.forward(n, true);
      b.kernel.backward!(n);
    }
    const live = n * LEN;
    const y = fast.buffers.output, yRef = ref.buffers.output;
    for (let i = 0; i < live; i++) {
      const tol = 4e-7 * Math.abs(yRef[i]!) + 1e-38;
      expect(Math.abs(y[i]! - yRef[i]!), `y[${i}] for x = ${fast.buffers.inputs[0]![i]}`).toBeLessThanOrEqual(tol);
      if (fn === 'tanh') expect(Math.sign(y[i]!)).toBe(Math.sign(yRef[i]!));
    }
    // The vector exp is not bit-identical to Math.exp: some differences show the wasm loop is what ran.
    let differ = 0;
    for (let i = 0; i < live; i++) if (y[i] !== yRef[i]) differ++;
    expect(differ).toBeGreaterThan(0);
    const dX = fast.buffers.dInputs[0]!, dXRef = ref.buffers.dInputs[0]!;
    let changed = 0;
    for (let i = 0; i < live; i++) {
      // Both derive from their own forward output, so the slack covers the y difference too.
      expect(Math.abs(dX[i]! - dXRef[i]!), `dx[${i}]`).toBeLessThanOrEqual(1e-6 * (Math.abs(dXRef[i]!) + 0.25));
      if (dXRef[i] !== 0.25) changed++;
    }
    expect(changed).toBeGreaterThan(live / 2);
    for (let i = live; i < LEN * BATCH; i++) {
      expect(y[i]).toBe(0);
      expect(dX[i]).toBe(0.25);
    }
  });

  it('sigmoid saturates to 0 and 1 and tanh to ±1 with no NaN or infinity', () => {
    const arena = Arena.tryCreate(1_000_000, flavor);
    if (!arena) return expect(flavor).toBe('fma');
    const k = wasmKernelsFor([arena.alloc(1)])!;
    const x = arena.alloc(6), y = arena.alloc(6);
    x.set([1000, -1000, 88, -88, Infinity, -Infinity]);
    k.sigmoidForward(x.byteOffset, y.byteOffset, 6);
    expect(Array.from(y).map((v) => Math.round(v))).toEqual([1, 0, 1, 0, 1, 0]);
    expect(y[1]).toBeLessThan(1e-37);
    k.tanhForward(x.byteOffset, y.byteOffset, 6);
    expect(Array.from(y)).toEqual([1, -1, 1, -1, 1, -1]);
  });
});
