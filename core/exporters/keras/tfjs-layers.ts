import { concatBatchedAxis } from '../../catalog/nodes/concat';
import { LAYER_NORM_EPSILON } from '../../catalog/nodes/layer-norm';
import { ExportError, type ExportNode } from '../export-model';
import type { KerasModelBuilder } from './tfjs-builder';
import { emitComposedActivation } from './tfjs-composed';
import { emitConvFamily } from './tfjs-conv';
import { emitRecurrent } from './tfjs-recurrent';

/** Why a node has no layer in Keras' built-in set (the model file has no custom code to carry it). */
const NO_KERAS_LAYER: Record<string, string> = {
  NALU: 'NALU is not a Keras layer',
  LRN: 'Keras has no local response normalisation layer (the script computes it in a Lambda, which a model file cannot hold)',
  Slice: 'Keras has no built-in layer that keeps a range of an axis (the script uses a Lambda, which a model file cannot carry)',
  SelfAttention: "NetLoom's self-attention (one set of Wq, Wk, Wv, Wo over d_model) is not a built-in TF.js Layers layer",
  // Read from @tensorflow/tfjs-layers 4.22 (GRUCell): the constructor throws on resetAfter, and call()
  // computes the candidate as activation(x·W_h + b_h + (r ⊙ h)·U_h). test/exporters/keras-tfjs-gru.test.ts
  // checks both facts against the installed library.
  GRU: 'TF.js Layers 4 cannot load a GRU with reset_after=True, the variant NetLoom computes (PyTorch\'s: the reset gate ' +
    'multiplies h·W_hn + b_hn), and its reset_after=False GRU resets h before the weights, (r ⊙ h)·W_hn, a different function ' +
    'that no weight conversion matches',
};
/** What to use instead, when there is more to say than the general alternatives. */
const INSTEAD: Record<string, string> = {
  GRU: ' (the script as layers.GRU(..., reset_after=True)); for a model file, use an LSTM or a SimpleRNN in its place',
};
const NO_KERAS_ACTIVATION: Record<string, string> = {
  step: 'Keras has no step activation',
};

/** Why this node cannot go into the Keras model file, naming it; null when it can. */
export function kerasRefusal(node: ExportNode): string | null {
  const p = node.params;
  const fn = node.type === 'Activation' ? (p.fn as string) : null;
  const why = NO_KERAS_LAYER[node.type] ?? (fn !== null ? NO_KERAS_ACTIVATION[fn] : undefined);
  if (!why) return null;
  return `node "${node.id}" (${fn !== null ? `Activation ${fn}` : node.type}) cannot go into the Keras model file: ${why}; the Keras Python script still builds it, and the ONNX and PyTorch exports carry it too${INSTEAD[node.type] ?? ''}`;
}

/**
 * One NetLoom node as built-in Keras layers in the builder, with its weights in Keras' layout; returns
 * the name of the layer whose output is the node's. Throws ExportError naming the node when Keras'
 * built-in layers cannot express it.
 */
export function emitKerasNode(b: KerasModelBuilder, node: ExportNode, name: string, inputs: string[], w: (param: string) => Float32Array): string {
  const p = node.params;
  const x = inputs[0]!;
  const refused = kerasRefusal(node);
  if (refused) throw new ExportError(refused);
  switch (node.type) {
    case 'Dense': {
      const d = node.inputShapes[0]![node.inputShapes[0]!.length - 1]!;
      const out = b.add('Dense', name, { units: p.units, activation: 'linear', use_bias: p.bias }, [x]);
      b.weight(name, 'kernel', [d, p.units as number], w('W')); // [in][out] in both
      if (p.bias) b.weight(name, 'bias', [p.units as number], w('b'));
      return out;
    }
    case 'Dropout': return b.add('Dropout', name, { rate: p.rate }, [x]);
    case 'Add': return b.add('Add', name, {}, inputs);
    case 'Multiply': return b.add('Multiply', name, {}, inputs);
    case 'Concat': return b.add('Concatenate', name, { axis: concatBatchedAxis(p) }, inputs);
    case 'Flatten': return b.add('Flatten', name, {}, [x]);
    case 'Reshape': return b.add('Reshape', name, { target_shape: node.shape }, [x]);
    case 'Permute': return b.add('Permute', name, { dims: p.axes }, [x]);
    case 'MeanPool': return b.add('GlobalAveragePooling1D', name, {}, [x]);
    case 'LayerNorm': {
      const d = node.inputShapes[0]![node.inputShapes[0]!.length - 1]!;
      const out = b.add('LayerNormalization', name, { axis: -1, epsilon: (p.epsilon as number | undefined) ?? LAYER_NORM_EPSILON, center: true, scale: true }, [x]);
      b.weight(name, 'gamma', [d], w('gamma'));
      b.weight(name, 'beta', [d], w('beta'));
      return out;
    }
    case 'Activation': return activation(b, node, name, x, w);
    default: {
      const out = emitConvFamily(b, node, name, x, w) ?? emitRecurrent(b, node, name, x, w);
      if (out === null) throw new ExportError(`node "${node.id}": the Keras model exporter does not know node type "${node.type}"`);
      return out;
    }
  }
}

/** NetLoom activation fn → the name of the same function among Keras' (TF.js') activations. */
const SAME_FUNCTION: Record<string, string> = {
  linear: 'linear', sigmoid: 'sigmoid', tanh: 'tanh', relu: 'relu', relu6: 'relu6', softsign: 'softsign', selu: 'selu',
  softplus: 'softplus', silu: 'swish', mish: 'mish', softmax: 'softmax', log_softmax: 'log_softmax',
  // TF.js' 'gelu' is the exact (erf) form.
  gelu_erf: 'gelu',
};

function activation(b: KerasModelBuilder, node: ExportNode, name: string, x: string, w: (param: string) => Float32Array): string {
  const p = node.params;
  const fn = p.fn as string;
  const composed = emitComposedActivation(b, node, name, x);
  if (composed) return composed;
  if (fn === 'leaky_relu') return b.add('LeakyReLU', name, { alpha: p.alpha }, [x]);
  if (fn === 'prelu') {
    // One slope per feature of the last axis, shared over every other axis (e.g. the positions).
    const shape = node.inputShapes[0]!;
    const shared = shape.slice(0, -1).map((_, i) => i + 1);
    const out = b.add('PReLU', name, { alpha_initializer: { class_name: 'Constant', config: { value: 0.25 } }, shared_axes: shared.length ? shared : null }, [x]);
    b.weight(name, 'alpha', shape.map((n, i) => (i < shape.length - 1 ? 1 : n)), w('alpha'));
    return out;
  }
  const same = SAME_FUNCTION[fn];
  if (!same) throw new ExportError(`node "${node.id}": the Keras model exporter does not know activation "${fn}"`);
  return b.add('Activation', name, { activation: same }, [x]);
}
