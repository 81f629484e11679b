import { fillBatch, predictedClass } from '../engine/batch';
import type { Executor } from '../engine/executor';
import type { DataSplit } from '../datasets/types';

/** Confusion matrix on a split: counts[true * C + predicted]. Classification plans only. */
export function confusionMatrix(exec: Executor, split: DataSplit): { classes: number; counts: Float32Array<ArrayBuffer> } {
  const { plan } = exec;
  const classes = plan.dataset.target.kind === 'classes' ? plan.dataset.target.classes : 2;
  const counts = new Float32Array(classes * classes);
  const B = plan.batchSize;
  for (let s = 0; s < split.count; s += B) {
    const n = Math.min(B, split.count - s);
    fillBatch(plan, split, null, s, n, exec.input, exec.target);
    exec.forward(n, false);
    for (let i = 0; i < n; i++) counts[split.targets[s + i]! * classes + predictedClass(plan, exec.prediction, i)]!++;
  }
  return { classes, counts };
}

/** Targets and predictions (first output) of up to `max` rows of a split, for a regression scatter. */
export function regressionPairs(exec: Executor, split: DataSplit, max = 300): { targets: Float32Array<ArrayBuffer>; predictions: Float32Array<ArrayBuffer> } {
  const { plan } = exec;
  const count = Math.min(max, split.count);
  const size = plan.target.size;
  const targets = new Float32Array(count), predictions = new Float32Array(count);
  const B = plan.batchSize;
  for (let s = 0; s < count; s += B) {
    const n = Math.min(B, count - s);
    fillBatch(plan, split, null, s, n, exec.input, exec.target);
    exec.forward(n, false);
    for (let i = 0; i < n; i++) {
      targets[s + i] = exec.target[i * size]!;
      predictions[s + i] = exec.prediction[i * size]!;
    }
  }
  return { targets, predictions };
}

/** Attention weights `[heads, T, T]` of one example on a SelfAttention node, or null. */
export function attentionOf(exec: Executor, split: DataSplit, nodeId: string, example: number): { heads: number; length: number; weights: Float32Array<ArrayBuffer> } | null {
  const { plan } = exec;
  const opIndex = plan.ops.findIndex((o) => o.node === nodeId && o.type === 'SelfAttention');
  if (opIndex < 0 || example >= split.count) return null;
  fillBatch(plan, split, null, example, 1, exec.input, exec.target);
  exec.forward(1, false);
  const att = exec.kernels[opIndex]!.inspect?.().attention;
  if (!att) return null;
  const heads = plan.ops[opIndex]!.params.heads as number;
  const length = plan.tensors[plan.ops[opIndex]!.inputs[0]!]!.shape[0]!;
  return { heads, length, weights: Float32Array.from(att.subarray(0, heads * length * length)) };
}
