import { describe, expect, it } from 'vitest';
import { compileWorkload } from '../../../core/bench/protocol';
import { buildWorkload, WORKLOADS } from '../../../core/bench/workloads';
import { Executor } from '../../../core/engine/executor';
import { fillBatch } from '../../../core/engine/batch';
import { mulberry32 } from '../../../core/util/rng';

/**
 * A whole plan through the wasm arena and through the TS reference kernels: same loss and parameter
 * gradients within float tolerance (the kernels differ only in f32 vs f64 intermediate rounding).
 */
describe('wasm and TS executors agree', () => {
  for (const name of WORKLOADS) {
    it(name, () => {
      const w = buildWorkload(name);
      const plan = compileWorkload(w);
      const run = (backend: 'auto' | 'js') => {
        const exec = new Executor(plan, { backend });
        exec.initParams(mulberry32(1234));
        const order = Int32Array.from({ length: w.data.train.count }, (_, i) => i);
        // A partial batch too, so row counts other than the buffer size are covered.
        const n = plan.batchSize - 3;
        fillBatch(plan, w.data.train, order, 0, n, exec.input, exec.target);
        exec.forward(n, true);
        exec.backward(n);
        return exec;
      };
      const fast = run('auto');
      const ref = run('js');
      expect(fast.backend).toBe('wasm');
      expect(ref.backend).toBe('js');
      expect(Math.abs(fast.loss - ref.loss)).toBeLessThan(1e-5 * Math.max(1, Math.abs(ref.loss)));
      fast.paramGrads.forEach((g, k) => {
        const r = ref.paramGrads[k]!;
        let scale = 0, worst = 0;
        for (let i = 0; i < r.length; i++) scale = Math.max(scale, Math.abs(r[i]!));
        for (let i = 0; i < r.length; i++) worst = Math.max(worst, Math.abs(g[i]! - r[i]!));
        expect(worst, `${plan.params[k]!.node}.${plan.params[k]!.name}`).toBeLessThanOrEqual(1e-4 * scale + 1e-7);
      });
    });
  }
});
