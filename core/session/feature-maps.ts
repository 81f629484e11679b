import { fillBatch } from '../engine/batch';
import type { Executor } from '../engine/executor';
import type { DataSplit } from '../datasets/types';

/** Node types whose channels-first output is worth showing one small picture per channel. */
const SPATIAL_1D = new Set(['Conv1D', 'MaxPool1D', 'AvgPool1D']);

/** Largest map sent, in values: enough for 64 channels of 28 × 28 without flooding the worker boundary. */
const MAX_VALUES = 64 * 28 * 28;

export interface FeatureMaps {
  channels: number;
  height: number;
  width: number;
  /** channels × height × width, this example's output of the node (eval mode). */
  values: Float32Array<ArrayBuffer>;
}

/**
 * The output of an image-shaped node ([C, H, W], e.g. a Conv2D, its activation or pool) or of a 1D
 * convolution/pool ([C, L], shown as C strips of height 1) for one example of a split, or null when
 * the node has no such output. Runs one eval-mode forward of that single example.
 */
export function featureMapsOf(exec: Executor, split: DataSplit, nodeId: string, example: number): FeatureMaps | null {
  const { plan } = exec;
  const op = plan.ops.find((o) => o.node === nodeId);
  if (!op || example >= split.count) return null;
  const shape = plan.tensors[op.output]!.shape;
  const image = shape.length === 3;
  if (!image && !(shape.length === 2 && SPATIAL_1D.has(op.type))) return null;
  const [channels, height, width] = image ? (shape as [number, number, number]) : [shape[0]!, 1, shape[1]!];
  const size = Math.min(channels * height * width, MAX_VALUES);
  const shown = Math.floor(size / (height * width));
  fillBatch(plan, split, null, example, 1, exec.input, exec.target);
  exec.forward(1, false);
  return { channels: shown, height, width, values: Float32Array.from(exec.values[op.output]!.subarray(0, shown * height * width)) };
}
