import { formatShape, sizeOf } from '../../util/tensor';
import type { NodeKind, ParamTensorSpec } from '../types';

/**
 * Batch normalisation over the channel axis (the first per-sample axis) of [C], [C, L] or [C, H, W], with
 * PyTorch's semantics (nn.BatchNorm1d/2d):
 *   training:   x̂ = (x − mean_B) / √(var_B + ε) with the batch's biased variance over batch and positions;
 *               running ← (1 − momentum)·running + momentum·stat, the variance unbiased (· m / (m − 1)).
 *   evaluation: x̂ = (x − runningMean) / √(runningVar + ε).
 *   y = γ ⊙ x̂ + β per channel (γ, β learned when `affine`).
 * The running statistics are state tensors (trainable: false): saved and exported with the weights.
 */
export const BatchNormNode: NodeKind = {
  type: 'BatchNorm',
  category: 'layer',
  paletteGroup: 'Normalisation',
  title: 'Batch norm',
  explanation:
    'Rescales every channel to average 0 and spread 1 using the examples of the current minibatch, then lets training pick a new scale and offset. Layers after it always see values in a steady range, so deep networks — even ones with sigmoids — train much faster. While evaluating it uses averages remembered from training instead of the batch.',
  inputs: [{ name: 'in', description: 'features [C], a signal [C, L] or an image [C, H, W]' }],
  outputs: [{ name: 'out', description: 'same shape, normalised per channel' }],
  params: {
    momentum: { kind: 'number', default: 0.1, min: 0, max: 1, description: 'how fast the running averages follow each batch (PyTorch convention: 0.1 keeps 90% of the old value)' },
    epsilon: { kind: 'number', default: 1e-5, min: 0, minExclusive: true, max: 1, description: 'added to the variance so a constant channel does not divide by zero' },
    affine: { kind: 'boolean', default: true, description: 'learn a scale (gamma) and an offset (beta) per channel' },
  },
  inferShape({ inputs }) {
    const x = inputs[0]!;
    if (x.length < 1 || x.length > 3) {
      return { ok: false, port: 0, message: `normalises over the channel axis of [B, C], [B, C, L] or [B, C, H, W], got ${formatShape(x)}` };
    }
    return { ok: true, shape: x };
  },
  paramTensors({ params, inputs }) {
    const C = inputs[0]![0]!;
    const specs: ParamTensorSpec[] = [];
    if (params.affine) {
      specs.push({ name: 'gamma', shape: [C], init: 'ones', fanIn: C, fanOut: C, decay: false });
      specs.push({ name: 'beta', shape: [C], init: 'zeros', fanIn: C, fanOut: C, decay: false });
    }
    specs.push({ name: 'runningMean', shape: [C], init: 'zeros', fanIn: C, fanOut: C, decay: false, trainable: false });
    specs.push({ name: 'runningVar', shape: [C], init: 'ones', fanIn: C, fanOut: C, decay: false, trainable: false });
    return specs;
  },
  createKernel({ params, inputShapes, maxBatch, buffers, alloc }) {
    const x = inputShapes[0]!;
    const C = x[0]!;
    const P = sizeOf(x) / C;
    const size = C * P;
    const affine = params.affine as boolean;
    const momentum = params.momentum as number;
    const eps = params.epsilon as number;
    const { inputs: [X], output: Y, dOutput: dY, dInputs: [dX] } = buffers;
    const [gamma, beta, runMean, runVar] = affine ? buffers.params : [null, null, ...buffers.params];
    const [dGamma, dBeta] = affine ? buffers.dParams : [null, null];
    // Kept from forward for backward: x̂ and each channel's 1/√(var + ε).
    const normalized = alloc(maxBatch * size);
    const invStd = alloc(C);
    let lastTraining = true;
    return {
      forward(n, training) {
        lastTraining = training;
        const m = n * P;
        for (let c = 0; c < C; c++) {
          let mean: number, variance: number;
          if (training) {
            let s = 0;
            for (let b = 0; b < n; b++) {
              const o = b * size + c * P;
              for (let p = 0; p < P; p++) s += X![o + p]!;
            }
            mean = s / m;
            let v = 0;
            for (let b = 0; b < n; b++) {
              const o = b * size + c * P;
              for (let p = 0; p < P; p++) { const d = X![o + p]! - mean; v += d * d; }
            }
            variance = v / m;
            runMean![c] = (1 - momentum) * runMean![c]! + momentum * mean;
            // A single value has no spread to estimate; keep the biased 0 rather than divide by zero.
            runVar![c] = (1 - momentum) * runVar![c]! + momentum * (m > 1 ? (variance * m) / (m - 1) : variance);
          } else {
            mean = runMean![c]!;
            variance = runVar![c]!;
          }
          const inv = 1 / Math.sqrt(variance + eps);
          invStd[c] = inv;
          const g = gamma ? gamma[c]! : 1, sh = beta ? beta[c]! : 0;
          for (let b = 0; b < n; b++) {
            const o = b * size + c * P;
            for (let p = 0; p < P; p++) {
              const xh = (X![o + p]! - mean) * inv;
              normalized[o + p] = xh;
              Y[o + p] = g * xh + sh;
            }
          }
        }
      },
      backward(n) {
        const m = n * P;
        for (let c = 0; c < C; c++) {
          const g = gamma ? gamma[c]! : 1;
          let sumDy = 0, sumDyXh = 0;
          for (let b = 0; b < n; b++) {
            const o = b * size + c * P;
            for (let p = 0; p < P; p++) { const dy = dY[o + p]!; sumDy += dy; sumDyXh += dy * normalized[o + p]!; }
          }
          if (dGamma) dGamma[c] += sumDyXh;
          if (dBeta) dBeta[c] += sumDy;
          if (!dX) continue;
          const inv = invStd[c]!;
          if (!lastTraining) {
            // Running statistics are constants here, so the map is a per-channel scale.
            for (let b = 0; b < n; b++) {
              const o = b * size + c * P;
              for (let p = 0; p < P; p++) dX[o + p] += dY[o + p]! * g * inv;
            }
            continue;
          }
          // Batch statistics depend on every x:  dx = γ/σ · (dy − mean(dy) − x̂ · mean(dy·x̂)).
          const meanDy = sumDy / m, meanDyXh = sumDyXh / m, k = g * inv;
          for (let b = 0; b < n; b++) {
            const o = b * size + c * P;
            for (let p = 0; p < P; p++) dX[o + p] += k * (dY[o + p]! - meanDy - normalized[o + p]! * meanDyXh);
          }
        }
      },
    };
  },
};
