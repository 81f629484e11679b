import { formatShape, sizeOf } from '../../util/tensor';
import type { NodeKind } from '../types';

/**
 * Added to the variance before the square root, so a row of identical values (variance 0) does not
 * divide by zero. 1e-5 is the usual default (PyTorch's LayerNorm uses the same).
 */
export const LAYER_NORM_EPSILON = 1e-5;

/**
 * Layer normalisation over the last axis, per row (per sample, per position):
 *   x̂ = (x − mean) / √(var + ε),  y = γ ⊙ x̂ + β
 * with the biased variance (divide by d), as in the original paper and PyTorch.
 */
export const LayerNormNode: NodeKind = {
  type: 'LayerNorm',
  category: 'layer',
  paletteGroup: 'Normalisation',
  title: 'Layer norm',
  explanation:
    'Rescales each row of features to average 0 and spread 1, then lets training choose a new scale (gamma) and offset (beta) per feature. Keeping values in a steady range makes deep networks and attention train more smoothly.',
  inputs: [{ name: 'in', description: 'features on the last axis' }],
  outputs: [{ name: 'out', description: 'same shape, normalised over the last axis' }],
  params: {
    // PyTorch's default 1e-5; vision transformers and ConvNeXt use 1e-6, so imported models keep theirs.
    epsilon: { kind: 'number', default: LAYER_NORM_EPSILON, min: 0, minExclusive: true, max: 1, description: 'added to each row\'s variance so a constant row does not divide by zero' },
  },
  inferShape({ inputs }) {
    const x = inputs[0]!;
    if (x.length === 0) return { ok: false, port: 0, message: `needs at least one feature axis to normalise over, got ${formatShape(x)}` };
    return { ok: true, shape: x };
  },
  paramTensors({ inputs }) {
    const x = inputs[0]!;
    const d = x[x.length - 1]!;
    return [
      { name: 'gamma', shape: [d], init: 'ones', fanIn: d, fanOut: d, decay: false },
      { name: 'beta', shape: [d], init: 'zeros', fanIn: d, fanOut: d, decay: false },
    ];
  },
  createKernel({ params, inputShapes, maxBatch, buffers, alloc }) {
    const eps = (params.epsilon as number | undefined) ?? LAYER_NORM_EPSILON;
    const x = inputShapes[0]!;
    const d = x[x.length - 1]!;
    const rowsPerSample = sizeOf(x) / d;
    const { inputs: [X], output: Y, params: [gamma, beta], dOutput: dY, dInputs: [dX], dParams: [dGamma, dBeta] } = buffers;
    // Kept from forward for backward: the normalised values and each row's 1/√(var + ε).
    const normalized = alloc(maxBatch * rowsPerSample * d);
    const invStd = alloc(maxBatch * rowsPerSample);
    return {
      forward(n) {
        const rows = n * rowsPerSample;
        for (let r = 0; r < rows; r++) {
          const o = r * d;
          let mean = 0;
          for (let j = 0; j < d; j++) mean += X![o + j]!;
          mean /= d;
          let variance = 0;
          for (let j = 0; j < d; j++) { const c = X![o + j]! - mean; variance += c * c; }
          variance /= d;
          const inv = 1 / Math.sqrt(variance + eps);
          invStd[r] = inv;
          for (let j = 0; j < d; j++) {
            const xh = (X![o + j]! - mean) * inv;
            normalized[o + j] = xh;
            Y[o + j] = gamma![j]! * xh + beta![j]!;
          }
        }
      },
      backward(n) {
        const rows = n * rowsPerSample;
        for (let r = 0; r < rows; r++) {
          const o = r * d;
          // With g = dy·γ:  dx = (1/σ) · (g − mean(g) − x̂ · mean(g·x̂)), because x̂ depends on x also
          // through the row's mean and variance.
          let meanG = 0;
          let meanGX = 0;
          for (let j = 0; j < d; j++) {
            const dy = dY[o + j]!;
            const xh = normalized[o + j]!;
            const g = dy * gamma![j]!;
            meanG += g;
            meanGX += g * xh;
            dGamma![j] += dy * xh;
            dBeta![j] += dy;
          }
          if (!dX) continue;
          meanG /= d;
          meanGX /= d;
          const inv = invStd[r]!;
          for (let j = 0; j < d; j++) {
            dX[o + j] += inv * (dY[o + j]! * gamma![j]! - meanG - normalized[o + j]! * meanGX);
          }
        }
      },
    };
  },
};
