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
import { Conv2DNode } from '../../../../core/catalog/nodes/conv2d';
import { Conv1DNode } from '../../../../core/catalog/nodes/conv1d';
import { MaxPool2DNode } from '../../../../core/catalog/nodes/max-pool2d';
import { AvgPool2DNode } from '../../../../core/catalog/nodes/avg-pool2d';
import { MaxPool1DNode } from '../../../../core/catalog/nodes/max-pool1d';
import { AvgPool1DNode } from '../../../../core/catalog/nodes/avg-pool1d';
import { GlobalAvgPoolNode } from '../../../../core/catalog/nodes/global-avg-pool';
import { BatchNormNode } from '../../../../core/catalog/nodes/batch-norm';
import { ReshapeNode } from '../../../../core/catalog/nodes/reshape';
import { PermuteNode } from '../../../../core/catalog/nodes/permute';
import { MultiplyNode } from '../../../../core/catalog/nodes/multiply';
import { SliceNode } from '../../../../core/catalog/nodes/slice';
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
  [Conv2DNode, { params: { filters: 4, groups: 2, padding: 'same', stride: 2 }, inputs: [[2, 5, 5]] }],
  [Conv1DNode, { params: { filters: 2, dilation: 2 }, inputs: [[3, 7]] }],
  [MaxPool2DNode, { inputs: [[2, 4, 4]] }],
  [AvgPool2DNode, { params: { padding: 'same' }, inputs: [[2, 3, 3]] }],
  [MaxPool1DNode, { inputs: [[2, 6]] }],
  [AvgPool1DNode, { inputs: [[2, 6]] }],
  [GlobalAvgPoolNode, { inputs: [[3, 2, 2]] }],
  [BatchNormNode, { inputs: [[3, 2, 2]] }],
  [ReshapeNode, { params: { shape: [3, -1] }, inputs: [[2, 3]] }],
  [PermuteNode, { params: { axes: [2, 1] }, inputs: [[2, 3]] }],
  [MultiplyNode, { inputs: [[2, 3], [2, 3]] }],
  [SliceNode, { params: { axis: 1, start: 1, end: 3 }, inputs: [[4, 3]] }],
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
      'Conv2D', 'Conv1D', 'MaxPool2D', 'AvgPool2D', 'MaxPool1D', 'AvgPool1D', 'GlobalAvgPool', 'BatchNorm', 'Reshape', 'Permute', 'Multiply',
      'Slice',
      'Embedding', 'SimpleRNN', 'LSTM', 'GRU', 'LRN',
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
