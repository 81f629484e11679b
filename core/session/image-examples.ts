import type { DataSplit } from '../datasets/types';
import { fillBatch, predictedClass } from '../engine/batch';
import type { Executor } from '../engine/executor';

/**
 * The width and height of image inputs, or null when the input is not an image: [H, W], [H, W, 1],
 * [1, H, W], or a flat square of at least 14×14 (MNIST's 784).
 */
export function imageSize(inputShape: readonly number[]): { width: number; height: number } | null {
  const dims = inputShape.filter((d) => d !== 1);
  if (dims.length === 2 && dims[0]! >= 8 && dims[1]! >= 8) return { height: dims[0]!, width: dims[1]! };
  if (dims.length === 1) {
    const side = Math.round(Math.sqrt(dims[0]!));
    if (side >= 14 && side * side === dims[0]) return { width: side, height: side };
  }
  return null;
}

export interface ImageExamples {
  width: number;
  height: number;
  /** count × width × height pixel values, as the dataset stores them. */
  pixels: Float32Array<ArrayBuffer>;
  predicted: Float32Array<ArrayBuffer>;
  actual: Float32Array<ArrayBuffer>;
  /** Each picture's row in the split (the grid reorders them), so a click can trace that row. */
  rows: Float32Array<ArrayBuffer>;
}

/**
 * Validation examples for a grid of pictures with their predicted and true classes, misclassified
 * first (the examples a learner should look at), from the first `scan` examples of the split.
 * Classification of image inputs only; null otherwise.
 */
export function imageExamples(exec: Executor, split: DataSplit, max = 48, scan = 400): ImageExamples | null {
  const { plan } = exec;
  const size = imageSize(plan.dataset.inputShape);
  if (!size || plan.task !== 'classification' || split.count === 0) return null;
  const pixelsPer = size.width * size.height;
  const inSize = plan.tensors[plan.inputTensor]!.size;
  if (inSize !== pixelsPer) return null;
  const count = Math.min(scan, split.count);
  const predicted = new Int32Array(count);
  const B = plan.batchSize;
  for (let s = 0; s < count; s += B) {
    const n = Math.min(B, count - s);
    fillBatch(plan, split, null, s, n, exec.input, exec.target);
    exec.forward(n, false);
    for (let i = 0; i < n; i++) predicted[s + i] = predictedClass(plan, exec.prediction, i);
  }
  const order = Array.from({ length: count }, (_, i) => i);
  const wrong = (i: number) => (predicted[i] !== split.targets[i] ? 0 : 1);
  order.sort((a, b) => wrong(a) - wrong(b) || a - b);
  const shown = order.slice(0, max);
  const out: ImageExamples = {
    ...size,
    pixels: new Float32Array(shown.length * pixelsPer),
    predicted: new Float32Array(shown.length),
    actual: new Float32Array(shown.length),
    rows: Float32Array.from(shown),
  };
  shown.forEach((row, k) => {
    out.pixels.set(split.inputs.subarray(row * pixelsPer, (row + 1) * pixelsPer), k * pixelsPer);
    out.predicted[k] = predicted[row]!;
    out.actual[k] = split.targets[row]!;
  });
  return out;
}
