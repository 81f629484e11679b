import { afterEach, describe, expect, it } from 'vitest';
import { compileWorkload, freshTrainer } from '../../core/bench/protocol';
import { buildWorkload, WORKLOADS } from '../../core/bench/workloads';

/**
 * The hot loop must not allocate: once a trainer exists, training steps construct no typed arrays
 * (every buffer, scratch and optimizer moment was made when the plan was instantiated).
 */
const realF32 = globalThis.Float32Array;
const realF64 = globalThis.Float64Array;
let constructed = 0;

function countTypedArrays(): void {
  constructed = 0;
  const count = <T extends object>(C: T): T => new Proxy(C, {
    construct(target, args, newTarget) {
      constructed++;
      return Reflect.construct(target as never, args, newTarget);
    },
  });
  globalThis.Float32Array = count(realF32);
  globalThis.Float64Array = count(realF64);
}

afterEach(() => {
  globalThis.Float32Array = realF32;
  globalThis.Float64Array = realF64;
});

describe('training steps allocate no typed arrays', () => {
  for (const name of WORKLOADS) {
    it(name, () => {
      const w = buildWorkload(name);
      const trainer = freshTrainer(w, compileWorkload(w));
      trainer.trainBatch(); // first step outside the count: lazily compiled code may allocate once
      countTypedArrays();
      for (let i = 0; i < 20; i++) {
        trainer.trainBatch();
        trainer.endOfEpoch();
      }
      const n = constructed;
      globalThis.Float32Array = realF32;
      globalThis.Float64Array = realF64;
      expect(n).toBe(0);
      // The counter itself works.
      countTypedArrays();
      new Float32Array(1);
      expect(constructed).toBe(1);
    });
  }
});
