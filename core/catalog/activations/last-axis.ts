import type { Shape } from '../../util/tensor';

/**
 * Size of the last axis, the one per-feature activations (prelu, crelu, softmax) work along.
 * A scalar sample (shape []) counts as a single feature, so those ops still have a row to work on.
 */
export function lastAxis(shape: Shape): number {
  return shape.length > 0 ? shape[shape.length - 1]! : 1;
}
