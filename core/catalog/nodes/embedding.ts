import { formatShape } from '../../util/tensor';
import { KernelInputError } from '../kernel-input-error';
import type { NodeKind } from '../types';

/**
 * A lookup table from token ids to learned vectors, as PyTorch's nn.Embedding: y[t] = W[x[t]] with W
 * stored [vocabSize, dim] (nn.Embedding's `weight`, unchanged). Tokens arrive as whole numbers in the
 * float input buffer; anything else stops the run with a message saying which value did not fit.
 * Tokens are not differentiable, so backward only scatters dY into the rows of W that were used.
 */
export const EmbeddingNode: NodeKind = {
  type: 'Embedding',
  category: 'layer',
  paletteGroup: 'Recurrent',
  title: 'Embedding',
  explanation:
    'Turns each token id (a whole number such as 0, 1, 2) into a short list of learned numbers. Similar tokens can end up with similar vectors, which gives the next layers something richer than a bare id to work with.',
  inputs: [{ name: 'in', description: 'token ids [T]: one whole number in 0 … vocabSize−1 per position' }],
  outputs: [{ name: 'out', description: 'one vector per position [T, dim]' }],
  params: {
    vocabSize: { kind: 'int', default: 10, min: 1, max: 1_000_000, description: 'how many different tokens there are (ids 0 … vocabSize−1)' },
    dim: { kind: 'int', default: 8, min: 1, max: 65536, description: 'length of the vector learned for each token' },
  },
  inferShape({ params, inputs }) {
    const x = inputs[0]!;
    if (x.length !== 1) {
      return {
        ok: false,
        port: 0,
        message: `reads token ids [B, T] (one whole number per position), got ${formatShape(x)}; ${x.length === 0 ? 'there is no position axis' : 'that is already vectors per position (e.g. one-hot), which a Dense or a recurrent layer can read directly — or choose the dataset\'s token encoding'}`,
      };
    }
    return { ok: true, shape: [x[0]!, params.dim as number] };
  },
  paramTensors({ params }) {
    const V = params.vocabSize as number;
    const dim = params.dim as number;
    // N(0, 1), nn.Embedding's default.
    return [{ name: 'W', shape: [V, dim], init: 'normal', value: 1, fanIn: V, fanOut: dim, decay: true }];
  },
  createKernel({ inputShapes, params, buffers }) {
    const T = inputShapes[0]![0]!;
    const V = params.vocabSize as number;
    const dim = params.dim as number;
    const { inputs: [X], output: Y, params: [W], dOutput: dY, dParams: [dW] } = buffers;
    const tokenAt = (s: number, t: number): number => {
      const v = X![s * T + t]!;
      if (!Number.isInteger(v) || v < 0 || v >= V) {
        const [why, fix] = !Number.isInteger(v)
          ? ['is not a whole number, so it is not a token id', 'feed real-valued features to a Dense instead, or pick the dataset\'s token encoding']
          : v < 0
            ? ['is negative, and token ids start at 0', 'check the data']
            : [`is outside 0 … ${V - 1}`, `raise vocabSize to at least ${v + 1}, or check the data`];
        throw new KernelInputError(`Embedding (vocabSize ${V}): input value ${v} at position ${t} of example ${s + 1} ${why}`, fix);
      }
      return v;
    };
    return {
      forward(n) {
        for (let s = 0; s < n; s++) {
          for (let t = 0; t < T; t++) {
            const row = tokenAt(s, t) * dim;
            const out = (s * T + t) * dim;
            for (let j = 0; j < dim; j++) Y[out + j] = W![row + j]!;
          }
        }
      },
      backward(n) {
        for (let s = 0; s < n; s++) {
          for (let t = 0; t < T; t++) {
            const row = X![s * T + t]! * dim;
            const out = (s * T + t) * dim;
            for (let j = 0; j < dim; j++) dW![row + j] += dY[out + j]!;
          }
        }
      },
    };
  },
};
