import type { LoadedDataset } from '../../../core/datasets/types';
import { fillBatch } from '../../../core/engine/batch';
import { Trainer } from '../../../core/engine/trainer';
import type { Graph } from '../../../core/graph/schema';
import { compileOrThrow } from './reference-run';

/**
 * What every exported-model check compares against: NetLoom's eval-mode predictions on up to 16
 * validation rows (training rows when there is no validation split) after `steps` training batches,
 * with the inputs fed and the executor (its weights are the ones to export).
 */
export function evalRowsAfter(graph: Graph, data: LoadedDataset, steps: number) {
  const plan = compileOrThrow(graph, data);
  const trainer = new Trainer(plan, data, graph.training);
  for (let i = 0; i < steps; i++) {
    trainer.trainBatch();
    trainer.endOfEpoch();
  }
  const split = data.validation.count > 0 ? data.validation : data.train;
  const n = Math.min(16, split.count, plan.batchSize);
  const exec = trainer.exec;
  fillBatch(plan, split, null, 0, n, exec.input, exec.target);
  exec.forward(n, false);
  const inSize = plan.tensors[plan.inputTensor]!.size;
  const outSize = plan.tensors[plan.predictionTensor]!.size;
  return {
    plan, exec, n,
    inputs: Float32Array.from(exec.input.subarray(0, n * inSize)),
    inputShape: [n, ...plan.tensors[plan.inputTensor]!.shape],
    expected: Float32Array.from(exec.prediction.subarray(0, n * outSize)),
  };
}
