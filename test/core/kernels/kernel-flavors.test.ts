import { describe, expect, it } from 'vitest';
import { compileWorkload } from '../../../core/bench/protocol';
import { buildWorkload } from '../../../core/bench/workloads';
import { Arena } from '../../../core/engine/arena';
import { Executor } from '../../../core/engine/executor';
import { fillBatch } from '../../../core/engine/batch';
import { gemmFor } from '../../../core/kernels/gemm';
import { instantiateKernels, preferredFlavor, relaxedSimdSupported, WASM_RESERVED_BYTES, type KernelFlavor } from '../../../core/kernels/wasm/module';
import { mulberry32 } from '../../../core/util/rng';

/**
 * The two builds of the wasm kernels: plain SIMD (multiply, then add) and relaxed-SIMD FMA (one fused,
 * singly rounded multiply-add). They must agree within float tolerance, and each must be deterministic.
 */
const FMA = relaxedSimdSupported();
const SKIP = FMA ? '' : ' — skipped: this runtime has no relaxed SIMD (Node 20 needs --experimental-wasm-relaxed-simd)';

describe('kernel builds', () => {
  it('the TS side reserves the module\'s packing scratch at the bottom of every arena', () => {
    const memory = new WebAssembly.Memory({ initial: 8 });
    const k = instantiateKernels(memory, 'simd')!;
    expect(k.scratchEnd()).toBeLessThanOrEqual(WASM_RESERVED_BYTES);
  });

  it('a run gets FMA exactly where the runtime validates relaxed SIMD', () => {
    expect(preferredFlavor()).toBe(FMA ? 'fma' : 'simd');
  });

  it.skipIf(!FMA)(`FMA and plain SIMD products agree within float tolerance, and differ${SKIP}`, () => {
    const [M, K, N] = [37, 801, 263];
    const out: Record<KernelFlavor, Float32Array> = { simd: new Float32Array(0), fma: new Float32Array(0) };
    for (const flavor of ['simd', 'fma'] as const) {
      const arena = Arena.tryCreate(M * K + K * N + M * N + N + 256, flavor)!;
      const A = arena.alloc(M * K), B = arena.alloc(K * N), b = arena.alloc(N), C = arena.alloc(M * N);
      const r = mulberry32(5);
      for (const x of [A, B, b]) for (let i = 0; i < x.length; i++) x[i] = r.next() * 2 - 1;
      gemmFor(C).affine(A, B, b, C, M, K, N);
      out[flavor] = Float32Array.from(C);
    }
    let worst = 0, differing = 0;
    for (let i = 0; i < out.simd.length; i++) {
      const d = Math.abs(out.simd[i]! - out.fma[i]!);
      worst = Math.max(worst, d);
      if (d !== 0) differing++;
    }
    expect(worst).toBeLessThan(1e-6 * K);
    // Not the same code under another name: on an FMA CPU most elements round differently.
    expect(differing).toBeGreaterThan(0);
  });

  for (const flavor of ['simd', 'fma'] as KernelFlavor[]) {
    it.skipIf(flavor === 'fma' && !FMA)(`${flavor}: a whole W2 training step reruns bit-identically${flavor === 'fma' ? SKIP : ''}`, () => {
      const w = buildWorkload('W2');
      const plan = compileWorkload(w);
      const run = () => {
        const exec = new Executor(plan, { kernels: flavor });
        expect(exec.kernelFlavor).toBe(flavor);
        exec.initParams(mulberry32(1234));
        const order = Int32Array.from({ length: w.data.train.count }, (_, i) => i);
        fillBatch(plan, w.data.train, order, 0, plan.batchSize, exec.input, exec.target);
        exec.forward(plan.batchSize, true);
        exec.backward(plan.batchSize);
        return { loss: exec.loss, grads: exec.paramGrads.map((g) => Array.from(g)) };
      };
      expect(run()).toEqual(run());
    });
  }
});
