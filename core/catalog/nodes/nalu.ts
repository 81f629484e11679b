import { matmul, matmulTransA, matmulTransB } from '../../kernels/matmul';
import { formatShape } from '../../util/tensor';
import type { NodeKind } from '../types';

/**
 * Added inside the logarithm of the multiplicative path, log(|x| + ε), so that an input of exactly 0
 * gives a large negative number instead of −∞ (the paper's choice of a small ε; 1e-7 here).
 */
export const NALU_EPSILON = 1e-7;

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Neural Arithmetic Logic Unit (Trask et al., 2018), on a flat input x of size `in`:
 *   W = tanh(Ŵ) ⊙ σ(M̂)                 (weights pushed towards −1, 0 or 1)
 *   a = x·W                              (additive path: sums and differences)
 *   m = exp(log(|x| + ε)·W)              (multiplicative path: products and quotients, as sums in log space)
 *   g = σ(x·G)                           (learned choice between the two)
 *   y = g ⊙ a + (1 − g) ⊙ m
 * All three tensors are stored `[in][units]` row-major, like Dense's W.
 *
 * Why it extrapolates: a Dense layer with a squashing activation learns "addition" only over the range of
 * numbers it was trained on, and saturates beyond it. Here tanh·σ drives each weight towards exactly −1,
 * 0 or 1, so the additive path computes an exact signed sum of chosen inputs, and the multiplicative path
 * computes an exact product of their powers (exp of a sum of logs). Both formulas hold for any magnitude,
 * so once the weights settle the unit keeps adding or multiplying correctly far outside the training range.
 *
 * The multiplicative path sees only |x|, so its products are always positive; the sign of a product is
 * lost, as in the paper.
 */
export const NaluNode: NodeKind = {
  type: 'NALU',
  category: 'layer',
  title: 'NALU',
  explanation:
    'A unit built to do arithmetic: each output learns to add or subtract chosen inputs, or to multiply or divide them, and a gate picks which. Because the learned weights settle on −1, 0 or 1, the rule it finds keeps working on numbers much larger than any it saw while training.',
  inputs: [{ name: 'in', description: 'a flat vector of numbers' }],
  outputs: [{ name: 'out', description: '`units` results' }],
  params: {
    units: { kind: 'int', default: 1, min: 1, max: 65536, description: 'number of outputs' },
  },
  inferShape({ params, inputs }) {
    const x = inputs[0]!;
    if (x.length !== 1) {
      return { ok: false, port: 0, message: `needs a flat input [B, n], got ${formatShape(x)}; add Flatten or MeanPool before it` };
    }
    return { ok: true, shape: [params.units as number] };
  },
  paramTensors({ params, inputs }) {
    const inF = inputs[0]![0]!;
    const units = params.units as number;
    const weight = (name: string) => ({ name, shape: [inF, units], init: 'xavier_uniform' as const, fanIn: inF, fanOut: units, decay: true });
    return [weight('W_hat'), weight('M_hat'), weight('G')];
  },
  createKernel({ inputShapes, params, maxBatch, buffers, alloc }) {
    const inF = inputShapes[0]![0]!;
    const units = params.units as number;
    const wSize = inF * units;
    const {
      inputs: [X], output: Y, params: [What, Mhat, G], dOutput: dY,
      dInputs: [dX], dParams: [dWhat, dMhat, dG],
    } = buffers;

    // Everything backward needs from forward, allocated once for the largest batch.
    const tanhW = alloc(wSize);
    const sigmaM = alloc(wSize);
    const W = alloc(wSize);
    const logAbsX = alloc(maxBatch * inF);
    const additive = alloc(maxBatch * units);
    const multiplicative = alloc(maxBatch * units);
    const gate = alloc(maxBatch * units);
    // Backward scratch.
    const dAdditive = alloc(maxBatch * units);
    const dLogSpace = alloc(maxBatch * units); // gradient w.r.t. log(|x|+ε)·W, before the exp
    const dGatePre = alloc(maxBatch * units);
    const dW = alloc(wSize);
    const dLogAbsX = alloc(maxBatch * inF);

    return {
      forward(n) {
        for (let i = 0; i < wSize; i++) {
          const t = Math.tanh(What![i]!);
          const s = sigmoid(Mhat![i]!);
          tanhW[i] = t;
          sigmaM[i] = s;
          W[i] = t * s;
        }
        for (let i = 0; i < n * inF; i++) logAbsX[i] = Math.log(Math.abs(X![i]!) + NALU_EPSILON);
        matmul(X!, 0, W, 0, additive, 0, n, inF, units, false);
        matmul(logAbsX, 0, W, 0, multiplicative, 0, n, inF, units, false);
        matmul(X!, 0, G!, 0, gate, 0, n, inF, units, false);
        for (let i = 0; i < n * units; i++) {
          const m = Math.exp(multiplicative[i]!);
          const g = sigmoid(gate[i]!);
          multiplicative[i] = m;
          gate[i] = g;
          Y[i] = g * additive[i]! + (1 - g) * m;
        }
      },
      backward(n) {
        for (let i = 0; i < n * units; i++) {
          const dy = dY[i]!;
          const g = gate[i]!;
          const a = additive[i]!;
          const m = multiplicative[i]!;
          dAdditive[i] = dy * g;
          dLogSpace[i] = dy * (1 - g) * m; // d exp(z)/dz = exp(z) = m
          dGatePre[i] = dy * (a - m) * g * (1 - g);
        }
        // Gradient of the shared NAC weights W from both paths, then through tanh and σ.
        matmulTransA(X!, 0, dAdditive, 0, dW, 0, n, inF, units, false);
        matmulTransA(logAbsX, 0, dLogSpace, 0, dW, 0, n, inF, units, true);
        for (let i = 0; i < wSize; i++) {
          const t = tanhW[i]!;
          const s = sigmaM[i]!;
          dWhat![i] += dW[i]! * (1 - t * t) * s;
          dMhat![i] += dW[i]! * t * s * (1 - s);
        }
        matmulTransA(X!, 0, dGatePre, 0, dG!, 0, n, inF, units, true);
        if (!dX) return;
        matmulTransB(dAdditive, 0, W, 0, dX, 0, n, units, inF, true);
        matmulTransB(dGatePre, 0, G!, 0, dX, 0, n, units, inF, true);
        // d log(|x|+ε)/dx = sign(x) / (|x|+ε); at x = 0 the sign is 0, so no gradient flows there.
        matmulTransB(dLogSpace, 0, W, 0, dLogAbsX, 0, n, units, inF, false);
        for (let i = 0; i < n * inF; i++) {
          const x = X![i]!;
          dX[i] += dLogAbsX[i]! * Math.sign(x) / (Math.abs(x) + NALU_EPSILON);
        }
      },
    };
  },
};
