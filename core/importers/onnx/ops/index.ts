import type { OpMapper } from '../values';
import * as act from './activations';
import { add, sum } from './add';
import { SILU_OP } from '../fusions/activations';
import { ATTENTION_OP } from '../fusions/attention';
import { NALU_OP } from '../fusions/nalu';
import { CRELU_OP, STEP_OP } from '../fusions/netloom-activations';
import { crelu, nalu, selfAttention, step } from './composite';
import { gemm, matMul } from './dense';
import { layerNormalization } from './layer-norm';
import { concat, flatten, passThrough, reduceMean, reshape } from './shape-ops';
import { softmax, logSoftmax } from './softmax';
import { batchNormalization } from './batch-norm';
import { conv } from './conv';
import { averagePool, globalAveragePool, maxPool } from './pool';
import { lrn } from './lrn';
import { fusedRecurrent, recurrentUnwrapped } from './recurrent';
import { recurrentOp } from '../fusions/recurrent';
import { gather, mul, squeeze, transpose, unsqueeze } from './tensor-ops';
import { slice, split } from './slice';
import { subOrDivConstant } from './into-layer';
import { reduceMax } from './reduce-max';
import { pad } from './pad';

/**
 * ONNX op type → mapper onto NetLoom nodes (default domain). Adding an operator is adding a mapper
 * file and one line here. Ops whose inputs are all constants are folded first (../fold), so e.g. a
 * Transpose of an initializer never reaches this table.
 */
export const OP_MAPPERS: Readonly<Record<string, OpMapper>> = {
  Gemm: gemm,
  MatMul: matMul,
  Add: add,
  Sum: sum,
  Relu: act.relu,
  LeakyRelu: act.leakyRelu,
  PRelu: act.prelu,
  Elu: act.elu,
  Selu: act.selu,
  Sigmoid: act.sigmoid,
  HardSigmoid: act.hardSigmoid,
  HardSwish: act.hardSwish,
  Tanh: act.tanh,
  Softplus: act.softplus,
  Softsign: act.softsign,
  Gelu: act.gelu,
  Clip: act.clip,
  Mish: act.mish,
  [SILU_OP]: act.silu,
  [STEP_OP]: step,
  [CRELU_OP]: crelu,
  [NALU_OP]: nalu,
  [ATTENTION_OP]: selfAttention,
  Softmax: softmax,
  LayerNormalization: layerNormalization,
  Flatten: flatten,
  Reshape: reshape,
  Concat: concat,
  ReduceMean: reduceMean,
  ReduceMax: reduceMax,
  Pad: pad,
  Identity: passThrough,
  Dropout: passThrough,
  Cast: passThrough,
  LogSoftmax: logSoftmax,
  Conv: conv,
  MaxPool: maxPool,
  AveragePool: averagePool,
  GlobalAveragePool: globalAveragePool,
  LRN: lrn,
  BatchNormalization: batchNormalization,
  Transpose: transpose,
  Mul: mul,
  Sub: subOrDivConstant('Sub'),
  Div: subOrDivConstant('Div'),
  Squeeze: squeeze,
  Unsqueeze: unsqueeze,
  Gather: gather,
  Slice: slice,
  Split: split,
  RNN: recurrentUnwrapped,
  LSTM: recurrentUnwrapped,
  GRU: recurrentUnwrapped,
  [recurrentOp('RNN')]: fusedRecurrent('RNN'),
  [recurrentOp('LSTM')]: fusedRecurrent('LSTM'),
  [recurrentOp('GRU')]: fusedRecurrent('GRU'),
};
