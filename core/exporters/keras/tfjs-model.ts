import { ExportError, type ExportModel } from '../export-model';
import { KerasModelBuilder, weightsBinary } from './tfjs-builder';
import { emitKerasNode, kerasRefusal } from './tfjs-layers';

/** The Keras config version the topology follows (functional model, Keras 2 field names). */
export const KERAS_CONFIG_VERSION = '2.15.0';

export interface KerasLayersModelFiles {
  /** model.json of the TF.js Layers format: modelTopology + weightsManifest. */
  modelJson: string;
  /** The weights, float32 little-endian in manifest order. */
  weightsBin: Uint8Array;
}

/** The topology and weights before serialising, as `tf.io.fromMemory` takes them. */
export interface KerasLayersModelArtifacts {
  modelTopology: Record<string, unknown>;
  weightSpecs: { name: string; shape: number[]; dtype: 'float32' }[];
  weightData: Uint8Array;
}

/** Layer name for a node id (Keras rejects some characters, e.g. `/`, which also separates weight names). */
export function kerasJsonLayerName(id: string): string {
  return id.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/**
 * The network as a Keras functional model in the TensorFlow.js Layers format: one Keras layer per node
 * (a few nodes need a padding or reshape layer beside them), the weights given (in plan order) converted
 * to Keras' layouts. Inference only: the loss and optimizer stay in the Python script.
 */
export function kerasLayersArtifacts(m: ExportModel, weights: readonly Float32Array[], modelName: string): KerasLayersModelArtifacts {
  // Refuse before translating anything, naming the first node Keras cannot express.
  for (const node of m.nodes) {
    const refused = kerasRefusal(node);
    if (refused) throw new ExportError(refused);
  }
  const inputName = kerasJsonLayerName(m.input);
  const ids = [m.input, ...m.nodes.map((n) => n.id)];
  const layerNames = new Map<string, string>();
  for (const id of ids) {
    const other = layerNames.get(kerasJsonLayerName(id));
    if (other !== undefined) throw new ExportError(`nodes "${other}" and "${id}" would both be the Keras layer "${kerasJsonLayerName(id)}" (Keras allows only letters, digits, _ . -); rename one of them`);
    layerNames.set(kerasJsonLayerName(id), id);
  }
  const b = new KerasModelBuilder(new Set(layerNames.keys()));
  b.add('InputLayer', inputName, { batch_input_shape: [null, ...m.inputShape], sparse: false }, []);
  const outputOf = new Map<string, string>([[m.input, inputName]]);
  for (const node of m.nodes) {
    const param = (name: string): Float32Array => {
      const spec = node.weights.find((w) => w.name === name);
      const values = spec ? weights[spec.id] : undefined;
      if (!values) throw new ExportError(`internal: node "${node.id}" has no weight "${name}"`);
      return values;
    };
    const inputs = node.inputs.map((i) => outputOf.get(i)!);
    outputOf.set(node.id, emitKerasNode(b, node, kerasJsonLayerName(node.id), inputs, param));
  }
  const output = outputOf.get(m.prediction)!;
  return {
    modelTopology: {
      class_name: 'Functional',
      config: { name: modelName, layers: b.layers, input_layers: [[inputName, 0, 0]], output_layers: [[output, 0, 0]] },
      keras_version: KERAS_CONFIG_VERSION,
      backend: 'tensorflow',
    },
    weightSpecs: b.weights.map((w) => ({ name: w.name, shape: w.shape, dtype: 'float32' as const })),
    weightData: weightsBinary(b.weights),
  };
}

/** model.json (pointing at `weightsPath`, a name beside it) and the weights file. */
export function kerasLayersModelFiles(m: ExportModel, weights: readonly Float32Array[], modelName: string, weightsPath: string): KerasLayersModelFiles {
  const a = kerasLayersArtifacts(m, weights, modelName);
  const modelJson = {
    format: 'layers-model',
    generatedBy: 'NetLoom',
    convertedBy: null,
    modelTopology: a.modelTopology,
    weightsManifest: [{ paths: [weightsPath], weights: a.weightSpecs }],
  };
  return { modelJson: `${JSON.stringify(modelJson, null, 1)}\n`, weightsBin: a.weightData };
}
