import type { DataSplit } from '../datasets/types';

/** The first rows of a split as the example picker shows them: inputs as stored, one label each. */
export interface ExampleRows {
  /** Rows given (at most the split's count). */
  count: number;
  /** Per-sample input shape, as the plan reads it. */
  shape: number[];
  /** count × size input values, row-major, as in the split (and the exported data file). */
  inputs: Float32Array<ArrayBuffer>;
  /** The first target value of each row: the class index for classification. */
  labels: Float32Array<ArrayBuffer>;
}

/**
 * Rows 0…count−1 of a split, so the app can show the first training examples (digits, sequences) to
 * pick one for the step-through. Row k here is row k of `trace --example k`: no reordering.
 */
export function exampleRows(split: DataSplit, shape: readonly number[], count: number): ExampleRows {
  const n = Math.max(0, Math.min(count, split.count));
  const size = shape.reduce((a, b) => a * b, 1);
  const targetSize = split.count > 0 ? split.targets.length / split.count : 1;
  const labels = new Float32Array(n);
  for (let i = 0; i < n; i++) labels[i] = split.targets[i * targetSize]!;
  return { count: n, shape: [...shape], inputs: split.inputs.slice(0, n * size) as Float32Array<ArrayBuffer>, labels };
}
