import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LoadedDataset } from '../../../core/datasets/types';
import { fillBatch } from '../../../core/engine/batch';
import { Trainer } from '../../../core/engine/trainer';
import { buildExportModel } from '../../../core/exporters';
import { kerasLayersArtifacts } from '../../../core/exporters/keras/tfjs-model';
import type { Graph } from '../../../core/graph/schema';
import { compileOrThrow } from './reference-run';

/** NetLoom's eval-mode predictions on up to 16 validation rows after `steps` training batches, and the weights then. */
export function netloomForward(graph: Graph, data: LoadedDataset, steps: number) {
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
    weights: exec.params.map((p) => Float32Array.from(p)),
    inputs: Float32Array.from(exec.input.subarray(0, n * inSize)),
    inputShape: [n, ...plan.tensors[plan.inputTensor]!.shape],
    expected: Float32Array.from(exec.prediction.subarray(0, n * outSize)),
  };
}

/** Load the exported Keras model with TF.js Layers (from memory, as model.json + weights) and predict. */
export async function tfjsPredict(graph: Graph, data: LoadedDataset, weights: Float32Array[], inputs: Float32Array, inputShape: number[]): Promise<Float32Array> {
  await tf.setBackend('cpu');
  const m = buildExportModel(graph, data.info);
  const a = kerasLayersArtifacts(m, weights, 'model');
  const buffer = a.weightData.buffer.slice(a.weightData.byteOffset, a.weightData.byteOffset + a.weightData.byteLength) as ArrayBuffer;
  const model = await tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: a.modelTopology, weightSpecs: a.weightSpecs, weightData: buffer }), { strict: true });
  const x = tf.tensor(inputs, inputShape);
  const y = model.predict(x) as tf.Tensor;
  const out = (await y.data()) as Float32Array;
  x.dispose();
  y.dispose();
  return Float32Array.from(out);
}
