import type { DataSplit } from '../datasets/types';
import { fillBatch } from '../engine/batch';
import type { Executor } from '../engine/executor';
import type { Shape } from '../util/tensor';

/** One parameter tensor at the traced weights: its values and the gradient of this example's loss. */
export interface TracedParam {
  shape: Shape;
  value: Float32Array<ArrayBuffer>;
  grad: Float32Array<ArrayBuffer>;
}

/** One node of the trace, in the order the network computes them. */
export interface TracedNode {
  id: string;
  type: string;
  /** Per-sample shape of `output` (`[]` for the Loss, whose output is the loss itself). */
  shape: Shape;
  output: Float32Array<ArrayBuffer>;
  /** dLoss/dOutput for this example, or null where no gradient flows (the Input, nodes off the path to the loss). */
  gradOutput: Float32Array<ArrayBuffer> | null;
  params: Record<string, TracedParam>;
}

export interface Trace {
  example: number;
  loss: number;
  /** The example's input row and its target as the loss sees it (one-hot for cross-entropy). */
  input: Float32Array<ArrayBuffer>;
  target: Float32Array<ArrayBuffer>;
  nodes: TracedNode[];
}

/**
 * Follow one example through the network at the executor's current weights: a batch of one, in
 * evaluation mode (dropout off), forward then backward through the same plan and kernels training
 * uses. Reuses the executor's buffers, so call it between training steps (a paused run, or the CLI);
 * it changes no weight and no optimizer state.
 */
export function traceExample(exec: Executor, split: DataSplit, example: number): Trace {
  const { plan } = exec;
  if (!Number.isInteger(example) || example < 0 || example >= split.count) {
    throw new RangeError(`example ${example} does not exist: the split has ${split.count} rows (0–${split.count - 1})`);
  }
  fillBatch(plan, split, null, example, 1, exec.input, exec.target);
  exec.forward(1, false);
  exec.backward(1);
  const fused = fusedSoftmax(exec);
  const nodes: TracedNode[] = plan.ops.map((op) => {
    const t = plan.tensors[op.output]!;
    const isLoss = op.output === plan.lossTensor;
    const output = copy(exec.values[op.output]!, t.size);
    const grad = exec.grads[op.output];
    let gradOutput: Float32Array<ArrayBuffer> | null = isLoss ? Float32Array.of(1) : grad ? copy(grad, t.size) : null;
    if (op.node === fused) gradOutput = crossEntropyGrad(output, exec.target);
    const params: Record<string, TracedParam> = {};
    for (const pid of op.paramIds) {
      const p = plan.params[pid]!;
      params[p.name] = { shape: p.shape, value: copy(exec.params[pid]!, p.size), grad: copy(exec.paramGrads[pid]!, p.size) };
    }
    return { id: op.node, type: op.type, shape: isLoss ? [] : t.shape, output, gradOutput, params };
  });
  return {
    example, loss: exec.loss, nodes,
    input: copy(exec.input, plan.tensors[plan.inputTensor]!.size),
    target: copy(exec.target, plan.target.size),
  };
}

function copy(buf: ArrayLike<number> & { subarray?: unknown }, n: number): Float32Array<ArrayBuffer> {
  return Float32Array.from({ length: n }, (_, i) => buf[i]!);
}

/**
 * The softmax the compiler fused into cross-entropy has no gradient buffer (the loss reads its input).
 * Its gradient is still well defined — dL/dp = −y/p for cross-entropy on probabilities — so the trace
 * computes it, with p floored as the unfused loss floors it.
 */
function fusedSoftmax(exec: Executor): string | null {
  const { plan } = exec;
  const lossOp = plan.ops.find((o) => o.output === plan.lossTensor)!;
  // Fused: the loss reads the softmax's input instead of the prediction tensor.
  return lossOp.inputs[0] === plan.predictionTensor ? null : plan.tensors[plan.predictionTensor]!.node;
}

function crossEntropyGrad(p: Float32Array, target: ArrayLike<number>): Float32Array<ArrayBuffer> {
  const floor = Math.exp(-100);
  return Float32Array.from(p, (v, j) => (target[j]! === 0 ? 0 : -target[j]! / Math.max(v, floor)));
}
