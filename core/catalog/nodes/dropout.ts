import { sizeOf } from '../../util/tensor';
import type { NodeKind } from '../types';

/**
 * Inverted dropout: while training, each value is kept with probability 1 − rate and the kept ones are
 * scaled by 1 / (1 − rate), so the expected output equals the input and evaluation needs no rescaling —
 * in eval mode the node is the identity.
 */
export const DropoutNode: NodeKind = {
  type: 'Dropout',
  category: 'layer',
  title: 'Dropout',
  explanation:
    'While training, switches off a random share of the values on every step, so the network cannot lean on any single one and has to spread what it knows. When you evaluate or predict, nothing is switched off.',
  inputs: [{ name: 'in', description: 'any tensor' }],
  outputs: [{ name: 'out', description: 'same shape as the input' }],
  params: {
    rate: {
      kind: 'number',
      default: 0.5,
      min: 0,
      max: 1,
      maxExclusive: true,
      description: 'share of values dropped during training (0 keeps everything)',
    },
  },
  inferShape: ({ inputs }) => ({ ok: true, shape: inputs[0]! }),
  paramTensors: () => [],
  createKernel({ params, inputShapes, maxBatch, buffers, alloc, rng }) {
    const size = sizeOf(inputShapes[0]!);
    const rate = params.rate as number;
    const keepProbability = 1 - rate;
    const keptScale = 1 / keepProbability;
    const { inputs: [X], output: Y, dOutput: dY, dInputs: [dX] } = buffers;
    // Per-element multiplier of the last training forward: keptScale or 0. Backward reuses it, so the
    // gradient flows exactly through the values that were kept.
    const mask = alloc(maxBatch * size);
    // Backward must mirror whichever forward ran last (identity in eval, masked in training).
    let lastForwardMasked = false;
    return {
      forward(n, training) {
        const len = n * size;
        lastForwardMasked = training && rate > 0;
        if (!lastForwardMasked) {
          for (let i = 0; i < len; i++) Y[i] = X![i]!;
          return;
        }
        for (let i = 0; i < len; i++) {
          const m = rng.next() < keepProbability ? keptScale : 0;
          mask[i] = m;
          Y[i] = X![i]! * m;
        }
      },
      backward(n) {
        if (!dX) return;
        const len = n * size;
        if (lastForwardMasked) for (let i = 0; i < len; i++) dX[i] += dY[i]! * mask[i]!;
        else for (let i = 0; i < len; i++) dX[i] += dY[i]!;
      },
    };
  },
};
