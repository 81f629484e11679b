import { describe, it } from 'vitest';
import { compileWorkload } from '../../../core/bench/protocol';
import { buildWorkload, WORKLOADS } from '../../../core/bench/workloads';
import { expectBackendsAgree } from './helpers/backends-agree';

/**
 * A whole plan through the wasm arena and through the TS reference kernels: same loss and parameter
 * gradients within float tolerance (the kernels differ only in f32 vs f64 intermediate rounding).
 */
describe('wasm and TS executors agree', () => {
  for (const name of WORKLOADS) {
    it(name, () => {
      const w = buildWorkload(name);
      // Workloads with a frozen or unused parameter are allowed: only agreement is asserted here.
      expectBackendsAgree(compileWorkload(w), w.data, 1234, false);
    });
  }
});
