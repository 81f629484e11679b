import { concatBatchedAxis } from '../../catalog/nodes/concat';
import { LAYER_NORM_EPSILON } from '../../catalog/nodes/layer-norm';
import type { ExportNode } from '../export-model';
import { pyFloat, pyLiteral } from '../python/identifiers';
import type { KerasCustomLayer } from './custom-layers';
import { kerasBatchNorm, kerasConv, kerasLrn, kerasPool, kerasShapeLayer } from './emit-conv';
import { kerasRecurrentOpen } from './emit-recurrent';

/** One node as a Keras functional-API layer: the constructor (without `name=`) and custom layer used. */
export interface KerasLayerCode {
  /** e.g. `layers.Dense(8, use_bias=True` — the caller appends `, name="d1")`. */
  open: string;
  customLayer?: KerasCustomLayer;
  /** Called on a list of inputs (Add, Concatenate) rather than one tensor. */
  takesList?: boolean;
  /** Wraps the input expression, e.g. in a padding layer Keras has no argument for. */
  wrapInput?: (input: string) => string;
  /** Axis order taking a NetLoom tensor to the Keras weight (e.g. conv kernels); absent: reshape only. */
  layouts?: Record<string, number[]>;
}

/** `regularizer` is the kernel regularizer expression for weight matrices (NetLoom's L1/L2), or null. */
export function kerasLayerCode(node: ExportNode, regularizer: string | null): KerasLayerCode {
  const p = node.params;
  const reg = regularizer ? `, kernel_regularizer=${regularizer}` : '';
  switch (node.type) {
    case 'Dense': return { open: `layers.Dense(${p.units}, use_bias=${pyLiteral(p.bias)}${reg}` };
    case 'Dropout': return { open: `layers.Dropout(${pyFloat(p.rate as number)}` };
    case 'NALU': return { open: `NALU(${p.units}`, customLayer: 'NALU' };
    case 'SelfAttention':
      return { open: `SelfAttention(d_model=${p.dModel}, heads=${p.heads}, causal=${pyLiteral(p.causal)}`, customLayer: 'SelfAttention' };
    case 'Add': return { open: 'layers.Add(', takesList: true };
    case 'Concat': return { open: `layers.Concatenate(axis=${concatBatchedAxis(p)}`, takesList: true };
    case 'Flatten': return { open: 'layers.Flatten(' };
    case 'LayerNorm': return { open: `layers.LayerNormalization(axis=-1, epsilon=${pyFloat((node.params.epsilon as number | undefined) ?? LAYER_NORM_EPSILON)}` };
    case 'MeanPool': return { open: 'layers.GlobalAveragePooling1D(' };
    case 'Activation': return kerasActivation(node);
    case 'Conv2D': return kerasConv(node, 2, reg);
    case 'Conv1D': return kerasConv(node, 1, reg);
    case 'MaxPool2D': return kerasPool(node, 'max', 2);
    case 'AvgPool2D': return kerasPool(node, 'avg', 2);
    case 'MaxPool1D': return kerasPool(node, 'max', 1);
    case 'AvgPool1D': return kerasPool(node, 'avg', 1);
    case 'BatchNorm': return kerasBatchNorm(node);
    case 'LRN': return kerasLrn(node);
    case 'GlobalAvgPool': case 'Reshape': case 'Permute': case 'Multiply': return kerasShapeLayer(node);
    case 'Slice': {
      // Keras has no slicing layer: a Lambda with the same indexing (channels-first, as NetLoom lays tensors out).
      const k = (p.axis as number) < 0 ? (p.axis as number) + node.inputShapes[0]!.length + 1 : (p.axis as number);
      return { open: `layers.Lambda(lambda t: t[${[':', ...Array.from({ length: k - 1 }, () => ':')].join(', ')}, ${p.start}:${p.end}]` };
    }
    default: {
      const recurrent = kerasRecurrentOpen(node);
      if (recurrent) return { open: recurrent };
      throw new Error(`the Keras exporter does not know node type "${node.type}"`);
    }
  }
}

function kerasActivation(node: ExportNode): KerasLayerCode {
  const p = node.params;
  const builtIn = (fn: string) => ({ open: `layers.Activation("${fn}"` });
  switch (p.fn) {
    case 'linear': case 'sigmoid': case 'tanh': case 'relu': case 'softsign': case 'selu': case 'softplus':
      return builtIn(p.fn);
    case 'silu': return builtIn('swish');
    // Keras' "gelu" is the exact (erf) form by default.
    case 'gelu_erf': return builtIn('gelu');
    case 'softmax': return { open: 'layers.Softmax(axis=-1' };
    case 'log_softmax': return { open: 'layers.Lambda(lambda t: tf.nn.log_softmax(t, axis=-1)' };
    case 'elu': return { open: `layers.ELU(alpha=${pyFloat(p.alpha as number)}` };
    case 'leaky_relu': return { open: `layers.ReLU(negative_slope=${pyFloat(p.alpha as number)}` };
    case 'relu6': return { open: 'layers.ReLU(max_value=6.0' };
    case 'prelu': {
      // One slope per feature of the last axis, shared over every other axis (e.g. the positions).
      const rank = node.inputShapes[0]!.length;
      const shared = Array.from({ length: Math.max(rank - 1, 0) }, (_, i) => i + 1);
      return { open: `layers.PReLU(alpha_initializer=keras.initializers.Constant(0.25)${shared.length ? `, shared_axes=${pyLiteral(shared)}` : ''}` };
    }
    case 'step': return { open: 'Step(', customLayer: 'Step' };
    case 'hard_sigmoid': return { open: 'HardSigmoid(', customLayer: 'HardSigmoid' };
    case 'crelu': return { open: 'CReLU(', customLayer: 'CReLU' };
    case 'gelu': return { open: 'GeluTanh(', customLayer: 'GeluTanh' };
    case 'mish': return { open: 'Mish(', customLayer: 'Mish' };
    default: throw new Error(`the Keras exporter does not know activation "${String(p.fn)}"`);
  }
}
