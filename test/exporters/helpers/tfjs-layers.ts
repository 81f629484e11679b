import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LoadedDataset } from '../../../core/datasets/types';
import { buildExportModel } from '../../../core/exporters';
import { kerasLayersArtifacts } from '../../../core/exporters/keras/tfjs-model';
import type { Graph } from '../../../core/graph/schema';
import { evalRowsAfter } from './eval-rows';

/** NetLoom's eval-mode predictions on up to 16 validation rows after `steps` training batches, and the weights then. */
export function netloomForward(graph: Graph, data: LoadedDataset, steps: number) {
  const r = evalRowsAfter(graph, data, steps);
  return { weights: r.exec.params.map((p) => Float32Array.from(p)), inputs: r.inputs, inputShape: r.inputShape, expected: r.expected };
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
