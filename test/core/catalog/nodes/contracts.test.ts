/**
 * Contracts every new node kind must keep with the engine, beyond its own maths: registration in palette
 * order, backward ACCUMULATING into gradients, null input gradients, and working on a live batch smaller
 * than the buffers.
 */
import { describe, expect, it } from 'vitest';
import { NODE_KIND_LIST } from '../../../../core/catalog/index';
import type { NodeKind } from '../../../../core/catalog/types';
import { AddNode } from '../../../../core/catalog/nodes/add';
import { ConcatNode } from '../../../../core/catalog/nodes/concat';
import { DropoutNode } from '../../../../core/catalog/nodes/dropout';
import { FlattenNode } from '../../../../core/catalog/nodes/flatten';
import { LayerNormNode } from '../../../../core/catalog/nodes/layer-norm';
import { MeanPoolNode } from '../../../../core/catalog/nodes/mean-pool';
import { NaluNode } from '../../../../core/catalog/nodes/nalu';
import { SelfAttentionNode } from '../../../../core/catalog/nodes/self-attention';
import { GruNode } from '../../../../core/catalog/nodes/gru';
import { LstmNode } from '../../../../core/catalog/nodes/lstm';
import { SimpleRnnNode } from '../../../../core/catalog/nodes/simple-rnn';
import { buildKernel, type HarnessOptions } from './kernel-harness';

const KINDS: [NodeKind, HarnessOptions][] = [
  [DropoutNode, { params: { rate: 0.5 }, inputs: [[3, 4]] }],
  [NaluNode, { params: { units: 2 }, inputs: [[3]], inputRange: [0.5, 2] }],
  [SelfAttentionNode, { params: { heads: 2, dModel: 4, causal: true }, inputs: [[3, 2]] }],
  [AddNode, { inputs: [[2, 3], [2, 3]] }],
  [ConcatNode, { inputs: [[2, 3], [2, 1]] }],
  [FlattenNode, { inputs: [[2, 3]] }],
  [LayerNormNode, { inputs: [[2, 3]] }],
  [MeanPoolNode, { inputs: [[4, 3]] }],
  [SimpleRnnNode, { params: { units: 3, returnSequences: true }, inputs: [[4, 2]] }],
  [LstmNode, { params: { units: 3 }, inputs: [[4, 2]] }],
  [GruNode, { params: { units: 3, returnSequences: true }, inputs: [[4, 2]] }],
];
/** [type name, kind, options], so test titles name the kind. */
const CASES = KINDS.map(([kind, opts]) => [kind.type, kind, opts] as const);

describe('new node kinds', () => {
  it('are registered in palette order', () => {
    expect(NODE_KIND_LIST.map((k) => k.type)).toEqual([
      'Input', 'Dense', 'Dropout', 'NALU', 'SelfAttention', 'Add', 'Concat', 'Flatten', 'LayerNorm', 'MeanPool', 'Activation', 'Loss',
      'Embedding', 'SimpleRNN', 'LSTM', 'GRU',
    ]);
  });

  it.each(CASES)('%s describes itself for learners', (_type, kind) => {
    expect(kind.category).toBe('layer');
    expect(kind.title.length).toBeGreaterThan(0);
    expect(kind.explanation.length).toBeGreaterThan(40);
    for (const p of [...kind.inputs, ...kind.outputs]) expect(p.description.length).toBeGreaterThan(0);
    for (const p of Object.values(kind.params)) expect(p.description.length).toBeGreaterThan(0);
  });

  it.each(CASES)('%s backward accumulates (+=) instead of overwriting', (_type, kind, opts) => {
    const h = buildKernel(kind, opts);
    h.kernel.forward(2, true);
    h.kernel.backward!(2);
    const once = [...h.buffers.dInputs, ...h.buffers.dParams].map((g) => Array.from(g!));
    h.kernel.backward!(2);
    const twice = [...h.buffers.dInputs, ...h.buffers.dParams].map((g) => Array.from(g!));
    expect(once.flat().some((v) => v !== 0)).toBe(true);
    twice.forEach((g, i) => g.forEach((v, j) => expect(v).toBeCloseTo(2 * once[i]![j]!, 12)));
  });

  it.each(CASES)('%s accepts null input gradients and still fills param gradients', (_type, kind, opts) => {
    const withGrads = buildKernel(kind, opts);
    const without = buildKernel(kind, { ...opts, noInputGradients: true });
    for (const h of [withGrads, without]) {
      h.kernel.forward(2, true);
      h.kernel.backward!(2);
    }
    without.buffers.dParams.forEach((g, i) => expect(Array.from(g)).toEqual(Array.from(withGrads.buffers.dParams[i]!)));
  });

  it.each(CASES)('%s works on a live batch smaller than its buffers', (_type, kind, opts) => {
    const h = buildKernel(kind, { ...opts, maxBatch: 3 });
    h.kernel.forward(3, false);
    const full = h.output.slice();
    const perSample = full.length / 3;
    h.output.fill(Number.NaN);
    h.kernel.forward(2, false);
    for (let i = 0; i < 2 * perSample; i++) expect(h.output[i]).toBeCloseTo(full[i]!, 12);
    for (let i = 2 * perSample; i < full.length; i++) expect(h.output[i]).toBeNaN();
    h.kernel.backward!(2);
    for (const dX of h.buffers.dInputs) {
      const size = dX!.length / 3;
      for (let i = 2 * size; i < dX!.length; i++) expect(dX![i]).toBe(0);
    }
  });
});
