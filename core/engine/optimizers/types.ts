import type { Buf } from '../../util/tensor';

/**
 * Updates parameters in place from their gradients. State (momentum, moments) is allocated when the
 * optimizer is created, never per step. Formulas follow PyTorch's so exported code trains the same way.
 */
export interface Optimizer {
  step(params: Buf[], grads: Buf[]): void;
  /** Forget all state (for reset). */
  reset(): void;
}

export type StateAlloc = (size: number) => Buf;
