import { sizeOf, type Buf } from '../../util/tensor';
import type { Kernel, KernelContext } from '../types';
import { lastAxis } from './last-axis';

/** One row's work: `r` is the row's index over the batch, `d` its length (the last axis). */
export interface RowOps {
  forward(x: Buf, y: Buf, r: number, d: number): void;
  /** Adds into dx (a tensor may feed several consumers). */
  backward(x: Buf, y: Buf, dy: Buf, dx: Buf, r: number, d: number): void;
}

/**
 * A kernel for an activation that mixes each row of the last axis (softmax, log_softmax, crelu): the
 * rows of n samples go through `ops` one by one. Backward is skipped when the input needs no gradient.
 */
export function rowKernel(ctx: KernelContext, ops: RowOps): Kernel {
  const d = lastAxis(ctx.inputShapes[0]!);
  const rowsPerSample = sizeOf(ctx.inputShapes[0]!) / d;
  const { inputs: [X], output: Y, dOutput: dY, dInputs: [dX] } = ctx.buffers;
  return {
    forward(n) {
      for (let r = 0; r < n * rowsPerSample; r++) ops.forward(X!, Y, r, d);
    },
    backward(n) {
      if (!dX) return;
      for (let r = 0; r < n * rowsPerSample; r++) ops.backward(X!, Y, dY, dX, r, d);
    },
  };
}

/** The largest of `d` values from offset `o`: subtracting it keeps every exponent ≤ 0 (no overflow). */
export function rowMax(x: Buf, o: number, d: number): number {
  let max = -Infinity;
  for (let j = 0; j < d; j++) max = Math.max(max, x[o + j]!);
  return max;
}
