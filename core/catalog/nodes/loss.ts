import { formatShape, sizeOf } from '../../util/tensor';
import type { Kernel, KernelContext, NodeKind, ShapeContext, ShapeResult } from '../types';
import { bce, bceLogits, crossEntropyLogits, crossEntropyProbabilities, mae, mse } from './loss-functions';

export const LOSS_FNS = ['mse', 'mae', 'bce', 'bce_logits', 'cross_entropy'] as const;
export type LossFn = (typeof LOSS_FNS)[number];

/**
 * The training objective: compares the prediction with the dataset's target and reports one number,
 * the mean over the batch. Targets arrive already encoded (one-hot for cross-entropy) by the trainer.
 */
export const LossNode: NodeKind = {
  type: 'Loss',
  category: 'output',
  title: 'Loss',
  explanation:
    'Scores how wrong the predictions are; training nudges every weight to make this number smaller. mse and mae suit numbers, bce a yes/no answer, cross_entropy a choice among classes.',
  inputs: [{ name: 'pred', description: 'the prediction' }],
  outputs: [],
  params: {
    fn: { kind: 'enum', default: 'mse', options: LOSS_FNS, description: 'the loss function' },
    logits: {
      kind: 'boolean',
      default: false,
      description: 'cross_entropy only: the input is raw scores (logits), so softmax is applied inside, stably',
    },
  },
  inferShape: lossShape,
  paramTensors: () => [],
  createKernel: createLossKernel,
};

function lossShape({ params, inputs, dataset }: ShapeContext): ShapeResult {
  const pred = inputs[0]!;
  const fn = params.fn as LossFn;
  if (pred.length !== 1) {
    return { ok: false, port: 0, message: `needs a flat prediction [B, n], got ${formatShape(pred)}; add Flatten or MeanPool before it` };
  }
  const n = pred[0]!;
  const t = dataset.target;
  const targetText = t.kind === 'binary' ? 'a binary target' : t.kind === 'classes' ? `${t.classes} classes` : `a regression target of size ${t.size}`;
  const bad = (what: string): ShapeResult => ({ ok: false, port: 0, message: `${fn} ${what}; the dataset has ${targetText}, the prediction is ${formatShape(pred)}` });
  if (fn === 'bce' || fn === 'bce_logits') {
    if (t.kind === 'classes') return bad(`needs a binary target (use cross_entropy for ${t.classes} classes)`);
    if (t.kind === 'regression') return bad('needs 0/1 targets (use mse or mae for regression)');
    if (n !== 1) return bad('needs a prediction of size 1');
  } else if (fn === 'cross_entropy') {
    if (t.kind === 'regression') return bad('needs class targets (use mse or mae for regression)');
    const classes = t.kind === 'binary' ? 2 : t.classes;
    if (n !== classes) return bad(`needs one output per class (${classes})`);
  } else {
    const want = t.kind === 'regression' ? t.size : t.kind === 'binary' ? 1 : t.classes;
    if (n !== want) return bad(`needs a prediction of size ${want}`);
  }
  return { ok: true, shape: [] };
}

function createLossKernel(ctx: KernelContext): Kernel {
  const fn = ctx.params.fn as LossFn;
  const size = sizeOf(ctx.inputShapes[0]!);
  const fromLogits = ctx.params.logits === true || ctx.attrs.fromLogits === true;
  const loss = fn === 'mse' ? mse : fn === 'mae' ? mae : fn === 'bce' ? bce : fn === 'bce_logits' ? bceLogits
    : fromLogits ? crossEntropyLogits : crossEntropyProbabilities;
  const { inputs: [P], output: L, dInputs: [dP] } = ctx.buffers;
  const T = ctx.target!;
  const rows = ctx.alloc(ctx.maxBatch);
  return {
    forward(n) {
      L[0] = loss.forward(P!, T, n, size, rows);
    },
    backward(n) {
      if (dP) loss.backward(P!, T, dP, n, size, rows);
    },
  };
}
