import { RECURRENT_TYPES } from '../catalog/recurrent-types';
import { fillBatch } from '../engine/batch';
import type { Executor } from '../engine/executor';
import type { DataSplit } from '../datasets/types';

/**
 * The hidden state over time `[T, H]` (row t = h after step t) of one example on a recurrent node, from
 * an eval-mode forward pass of that example alone; null when the node is not recurrent or the example
 * does not exist. The kernel keeps the states time-major `[T+1, n, H]` with h₀ first; n is 1 here.
 */
export function hiddenStateOf(exec: Executor, split: DataSplit, nodeId: string, example: number): { steps: number; units: number; values: Float32Array<ArrayBuffer> } | null {
  const { plan } = exec;
  const opIndex = plan.ops.findIndex((o) => o.node === nodeId && RECURRENT_TYPES.has(o.type));
  if (opIndex < 0 || example < 0 || example >= split.count) return null;
  fillBatch(plan, split, null, example, 1, exec.input, exec.target);
  exec.forward(1, false);
  const hidden = exec.kernels[opIndex]!.inspect?.().hidden;
  if (!hidden) return null;
  const op = plan.ops[opIndex]!;
  const units = op.params.units as number;
  const steps = plan.tensors[op.inputs[0]!]!.shape[0]!;
  return { steps, units, values: Float32Array.from(hidden.subarray(units, (steps + 1) * units)) };
}
