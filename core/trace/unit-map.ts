import type { DataSplit } from '../datasets/types';
import type { Executor } from '../engine/executor';
import { planeRange } from '../session/decision-grid';

export interface UnitMap {
  nodeId: string;
  size: number;
  xRange: [number, number];
  yRange: [number, number];
  /** Values per sample of the node's output: one map each. */
  units: number;
  /** units × size × size: unit-major, then rows from the bottom (yRange[0]) up, columns left to right. */
  values: Float32Array<ArrayBuffer>;
}

/**
 * What each unit of one node outputs over the input plane, for 2D data: the network is evaluated on a
 * size×size grid covering the training points (as the decision view is), in evaluation mode. Like
 * TensorFlow Playground's per-neuron pictures, it shows what feature each hidden unit has learnt.
 * Returns null when the input is not 2D or the node is not computed by the plan.
 */
export function unitMap(exec: Executor, train: DataSplit, nodeId: string, size = 24): UnitMap | null {
  const { plan } = exec;
  if (plan.tensors[plan.inputTensor]!.size !== 2 || plan.dataset.inputShape.length !== 1) return null;
  const op = plan.ops.find((o) => o.node === nodeId && o.output !== plan.lossTensor);
  if (!op) return null;
  const units = plan.tensors[op.output]!.size;
  const out = exec.values[op.output]!;
  const { xRange, yRange } = planeRange(train);
  const total = size * size;
  const values = new Float32Array(units * total);
  const B = plan.batchSize;
  exec.target.fill(0);
  for (let start = 0; start < total; start += B) {
    const n = Math.min(B, total - start);
    for (let i = 0; i < n; i++) {
      const k = start + i;
      const r = Math.floor(k / size), c = k % size;
      exec.input[2 * i] = xRange[0] + ((c + 0.5) / size) * (xRange[1] - xRange[0]);
      exec.input[2 * i + 1] = yRange[0] + ((r + 0.5) / size) * (yRange[1] - yRange[0]);
    }
    exec.forward(n, false);
    for (let i = 0; i < n; i++) for (let u = 0; u < units; u++) values[u * total + start + i] = out[i * units + u]!;
  }
  return { nodeId, size, xRange, yRange, units, values };
}
