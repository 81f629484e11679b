import { fillBatch } from '../engine/batch';
import type { Executor } from '../engine/executor';
import type { DataSplit } from '../datasets/types';

/** Rows sent: enough to pick a few examples, small enough for every frame. */
const ROWS = 8;

/**
 * When the prediction node is a softmax Activation: the scores going into it (the logits) for the
 * first rows of a split, with their classes. The softmax lesson turns them into probabilities at any
 * temperature. Null for any other output.
 */
export function softmaxScores(exec: Executor, split: DataSplit, rows = ROWS): { classes: number; labels: Float32Array<ArrayBuffer>; values: Float32Array<ArrayBuffer> } | null {
  const { plan } = exec;
  const op = plan.ops.find((o) => o.output === plan.predictionTensor);
  if (!op || op.type !== 'Activation' || op.params.fn !== 'softmax') return null;
  const scoresT = plan.tensors[op.inputs[0]!]!;
  const classes = scoresT.size;
  const n = Math.min(rows, split.count, plan.batchSize);
  if (n === 0) return null;
  fillBatch(plan, split, null, 0, n, exec.input, exec.target);
  exec.forward(n, false);
  const src = exec.values[scoresT.id]!;
  const values = new Float32Array(n * classes);
  for (let i = 0; i < n * classes; i++) values[i] = src[i]!;
  return { classes, labels: Float32Array.from(split.targets.subarray(0, n)), values };
}
