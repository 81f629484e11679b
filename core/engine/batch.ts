import type { Plan } from '../compiler/plan';
import type { DataSplit } from '../datasets/types';
import type { Buf } from '../util/tensor';

/** Above this many rows a split is copied element by element (a row view costs ~100 bytes). */
const MAX_VIEWED_ROWS = 100_000;
/** Below this many floats per row a plain loop is as fast as a `set` call. */
const MIN_VIEWED_ROW = 16;

/**
 * One view per input row of a split, for fillBatch to copy rows with `set` (a memcpy; the element loop
 * took ~8 % of a W2 or W4 step). Made once by the trainer for its training split; null where it would not pay.
 */
export function rowViews(plan: Plan, split: DataSplit): Float32Array[] | null {
  const inSize = plan.tensors[plan.inputTensor]!.size;
  const { inputs, count } = split;
  if (count > MAX_VIEWED_ROWS || inSize < MIN_VIEWED_ROW || inputs.length < count * inSize) return null;
  const rows: Float32Array[] = [];
  for (let r = 0; r < count; r++) rows.push(inputs.subarray(r * inSize, (r + 1) * inSize));
  return rows;
}

/**
 * Copy rows `order[start..start+n)` of a split into the input buffer, and their targets, encoded as the
 * loss needs them, into the target buffer. Allocation-free. `rows`: the split's rowViews, if made.
 */
export function fillBatch(
  plan: Plan, split: DataSplit, order: Int32Array | null, start: number, n: number, input: Buf, target: Buf,
  rows: Float32Array[] | null = null,
): void {
  const inSize = plan.tensors[plan.inputTensor]!.size;
  const tSize = plan.target.size;
  const rawSize = plan.dataset.target.kind === 'regression' ? plan.dataset.target.size : 1;
  const oneHot = plan.target.encoding === 'one-hot';
  if (oneHot) target.fill(0, 0, n * tSize);
  for (let i = 0; i < n; i++) {
    const row = order ? order[start + i]! : start + i;
    const src = row * inSize, dst = i * inSize;
    if (rows) input.set(rows[row]!, dst);
    else for (let k = 0; k < inSize; k++) input[dst + k] = split.inputs[src + k]!;
    if (oneHot) target[i * tSize + split.targets[row]!] = 1;
    else for (let j = 0; j < rawSize; j++) target[i * tSize + j] = split.targets[row * rawSize + j]!;
  }
}

/** Index of the predicted class of row i (binary: 0/1). */
export function predictedClass(plan: Plan, pred: Buf, i: number): number {
  const size = plan.target.size;
  if (size === 1) return pred[i]! > (plan.prediction === 'logit' ? 0 : 0.5) ? 1 : 0;
  let best = 0;
  for (let j = 1; j < size; j++) if (pred[i * size + j]! > pred[i * size + best]!) best = j;
  return best;
}
