import { describe, expect, it } from 'vitest';
import { KernelInputError } from '../../../../core/catalog/kernel-input-error';
import { EmbeddingNode } from '../../../../core/catalog/nodes/embedding';
import type { NodeKind } from '../../../../core/catalog/types';
import { checkOp } from '../../../helpers/gradcheck';
import { buildKernel } from './kernel-harness';

const dataset = { inputShape: [6], target: { kind: 'binary' as const } };
const V = 5;
const DIM = 3;

/**
 * checkOp draws real-valued inputs and nudges them by ±1e-6. Token ids must be whole numbers, so this
 * test-only wrapper rounds the drawn values into a token buffer the real Embedding kernel reads. The
 * nudges then never change a token, so the (absent) gradient w.r.t. the ids checks as zero, and the
 * weight gradient is checked through the real kernel.
 */
const EmbeddingOfRounded: NodeKind = {
  ...EmbeddingNode,
  createKernel(ctx) {
    const raw = ctx.buffers.inputs[0]!;
    const tokens = ctx.alloc(raw.length);
    const inner = EmbeddingNode.createKernel({ ...ctx, buffers: { ...ctx.buffers, inputs: [tokens] } });
    return {
      forward(n, training) {
        for (let i = 0; i < raw.length; i++) tokens[i] = Math.round(raw[i]!);
        inner.forward(n, training);
      },
      backward: (n) => inner.backward!(n),
    };
  },
};

describe('Embedding', () => {
  it.each([true, false])('training %s: looks rows up and its weight gradient checks', (training) => {
    const r = checkOp({
      kind: EmbeddingOfRounded,
      params: { vocabSize: V, dim: DIM },
      inputs: [[6]],
      expectShape: [6, DIM],
      dataset,
      training,
      batch: 4,
      inputRange: [-0.49, V - 0.51],
      reference: ([x], [W], n) => {
        const out = new Float64Array(n * 6 * DIM);
        for (let i = 0; i < n * 6; i++) for (let j = 0; j < DIM; j++) out[i * DIM + j] = W![Math.round(x![i]!) * DIM + j]!;
        return out;
      },
    });
    expect(r.forwardMaxDiff).toBe(0);
    expect(r.maxRelError, r.worst).toBeLessThan(1e-3);
  });

  it('adds the gradient of every use of a token into its one row', () => {
    const h = buildKernel(EmbeddingNode, { params: { vocabSize: V, dim: DIM }, inputs: [[4]], maxBatch: 2 });
    h.inputs[0]!.set([2, 2, 0, 2, 4, 4, 1, 2]);
    h.kernel.forward(2, true);
    h.kernel.backward!(2);
    const dW = h.buffers.dParams[0]!;
    const uses = [[2], [6], [0, 1, 3, 7], [], [4, 5]];
    uses.forEach((positions, token) => {
      for (let j = 0; j < DIM; j++) {
        const want = positions.reduce((a, p) => a + h.dOutput[p * DIM + j]!, 0);
        expect(dW[token * DIM + j]).toBeCloseTo(want, 12);
      }
    });
  });

  it.each([
    [5, /outside 0 … 4$/, 'raise vocabSize to at least 6, or check the data'],
    [-1, /is negative, and token ids start at 0$/, 'check the data'],
    [1.5, /is not a whole number, so it is not a token id$/, /Dense/],
  ] as const)('stops with a clear message and a fix on the token %s', (bad, pattern, fix) => {
    const h = buildKernel(EmbeddingNode, { params: { vocabSize: V, dim: DIM }, inputs: [[3]], maxBatch: 2 });
    h.inputs[0]!.set([0, 1, 2, 3, bad, 4]);
    let caught: unknown;
    try {
      h.kernel.forward(2, true);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(KernelInputError);
    const err = caught as KernelInputError;
    expect(err.message).toMatch(pattern);
    expect(err.message).toMatch(/^Embedding \(vocabSize 5\): input value .* at position 1 of example 2 /);
    if (typeof fix === 'string') expect(err.suggestion).toBe(fix);
    else expect(err.suggestion).toMatch(fix);
  });

  it('refuses vectors per position, saying they are not token ids', () => {
    const r = EmbeddingNode.inferShape({ params: { vocabSize: V, dim: DIM }, inputs: [[6, 4]], dataset });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain('token ids [B, T]');
      expect(r.message).toContain('[B, 6, 4]');
      expect(r.message).toMatch(/one-hot/);
    }
  });

  it('starts from N(0, 1) like nn.Embedding, stored [vocabSize, dim]', () => {
    const [spec] = EmbeddingNode.paramTensors({ params: { vocabSize: V, dim: DIM }, inputs: [[6]], output: [6, DIM] });
    expect(spec).toMatchObject({ name: 'W', shape: [V, DIM], init: 'normal', value: 1 });
  });
});
