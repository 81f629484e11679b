import { formatShape, sizeOf } from '../../util/tensor';
import type { Kernel, KernelContext, NodeKind, ShapeContext, ShapeResult } from '../types';

export const LOSS_FNS = ['mse', 'mae', 'bce', 'bce_logits', 'cross_entropy'] as const;
export type LossFn = (typeof LOSS_FNS)[number];

/** log(p) is clamped here, as PyTorch's BCELoss does, so a confident wrong answer costs 100, not ∞. */
const LOG_FLOOR = -100;

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
  const fromLogits = fn === 'cross_entropy' && (ctx.params.logits === true || ctx.attrs.fromLogits === true);
  const { inputs: [P], output: L, dInputs: [dP] } = ctx.buffers;
  const T = ctx.target!;
  return {
    forward(n) {
      let s = 0;
      if (fn === 'mse') {
        for (let i = 0; i < n * size; i++) { const d = P![i]! - T[i]!; s += d * d; }
        L[0] = s / (n * size);
      } else if (fn === 'mae') {
        for (let i = 0; i < n * size; i++) s += Math.abs(P![i]! - T[i]!);
        L[0] = s / (n * size);
      } else if (fn === 'bce') {
        for (let i = 0; i < n; i++) {
          const p = P![i]!, y = T[i]!;
          s -= y * Math.max(Math.log(p), LOG_FLOOR) + (1 - y) * Math.max(Math.log(1 - p), LOG_FLOOR);
        }
        L[0] = s / n;
      } else if (fn === 'bce_logits') {
        for (let i = 0; i < n; i++) {
          const x = P![i]!, y = T[i]!;
          s += Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
        }
        L[0] = s / n;
      } else if (fromLogits) {
        for (let i = 0; i < n; i++) {
          const o = i * size;
          let m = -Infinity;
          for (let j = 0; j < size; j++) m = Math.max(m, P![o + j]!);
          let z = 0;
          for (let j = 0; j < size; j++) z += Math.exp(P![o + j]! - m);
          const lse = m + Math.log(z);
          for (let j = 0; j < size; j++) { const y = T[o + j]!; if (y !== 0) s -= y * (P![o + j]! - lse); }
        }
        L[0] = s / n;
      } else {
        for (let i = 0; i < n * size; i++) { const y = T[i]!; if (y !== 0) s -= y * Math.max(Math.log(P![i]!), LOG_FLOOR); }
        L[0] = s / n;
      }
    },
    backward(n) {
      if (!dP) return;
      if (fn === 'mse') {
        const k = 2 / (n * size);
        for (let i = 0; i < n * size; i++) dP[i] += k * (P![i]! - T[i]!);
      } else if (fn === 'mae') {
        const k = 1 / (n * size);
        for (let i = 0; i < n * size; i++) dP[i] += k * Math.sign(P![i]! - T[i]!);
      } else if (fn === 'bce') {
        // The same guarded form as PyTorch: (p - y) / max(p(1-p), 1e-12) / n.
        for (let i = 0; i < n; i++) {
          const p = P![i]!;
          dP[i] += (p - T[i]!) / Math.max(p * (1 - p), 1e-12) / n;
        }
      } else if (fn === 'bce_logits') {
        for (let i = 0; i < n; i++) dP[i] += (1 / (1 + Math.exp(-P![i]!)) - T[i]!) / n;
      } else if (fromLogits) {
        for (let i = 0; i < n; i++) {
          const o = i * size;
          let m = -Infinity;
          for (let j = 0; j < size; j++) m = Math.max(m, P![o + j]!);
          let z = 0;
          for (let j = 0; j < size; j++) z += Math.exp(P![o + j]! - m);
          let ty = 0;
          for (let j = 0; j < size; j++) ty += T[o + j]!;
          // d/dx of -Σ y·log softmax(x) = softmax(x)·Σy - y
          for (let j = 0; j < size; j++) dP[o + j] += ((Math.exp(P![o + j]! - m) / z) * ty - T[o + j]!) / n;
        }
      } else {
        for (let i = 0; i < n * size; i++) {
          const y = T[i]!;
          if (y !== 0) dP[i] -= y / Math.max(P![i]!, Math.exp(LOG_FLOOR)) / n;
        }
      }
    },
  };
}
