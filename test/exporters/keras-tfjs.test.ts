import { beforeAll, describe, expect, it } from 'vitest';
import type { LoadedDataset } from '../../core/datasets/types';
import { buildExportModel, ExportError } from '../../core/exporters';
import { exportKeras } from '../../core/exporters/keras';
import { kerasLayersArtifacts } from '../../core/exporters/keras/tfjs-model';
import { activationGraphs, chainGraph, coverageGraphs, exampleGraphs, parse } from './helpers/graphs';
import { convGraphs } from './helpers/conv-graphs';
import { KERAS_SCRIPT_REFUSED, poolGraphs } from './helpers/pool-graphs';
import { recurrentGraphs } from './helpers/recurrent-graphs';
import { loadData } from './helpers/reference-run';
import { netloomForward, tfjsPredict } from './helpers/tfjs-layers';

/**
 * The Keras model file (TF.js Layers format): loaded by @tensorflow/tfjs-layers, the reference
 * implementation of Keras' model format in JavaScript, it must give NetLoom's eval-mode predictions
 * (max abs diff < 1e-4) with the seed's weights and after 5 training steps (BatchNorm's running
 * statistics then differ from 0 and 1). Graphs with a node Keras' built-in layers cannot express must
 * be refused with a message naming that node.
 */
const extra = [{
  name: 'act-elu-alpha-1',
  graph: chainGraph('act elu 1', [['d1', 'Dense', { units: 6 }], ['act', 'Activation', { fn: 'elu', alpha: 1 }], ['d2', 'Dense', { units: 1 }], ['out', 'Activation', { fn: 'sigmoid' }]], { fn: 'bce' }, {}),
}, {
  name: 'add-concat-layernorm-dropout',
  graph: parse({
    format: 'netloom-graph', version: 1, name: 'concat layernorm dropout',
    nodes: [
      { id: 'in', type: 'Input', params: {} }, { id: 'a', type: 'Dense', params: { units: 4 } }, { id: 'b', type: 'Dense', params: { units: 4, bias: false } }, { id: 'sum', type: 'Add', params: {} },
      { id: 'both', type: 'Concat', params: {} }, { id: 'norm', type: 'LayerNorm', params: {} }, { id: 'drop', type: 'Dropout', params: { rate: 0.5 } },
      { id: 'y', type: 'Dense', params: { units: 1 } }, { id: 'sig', type: 'Activation', params: { fn: 'sigmoid' } }, { id: 'loss', type: 'Loss', params: { fn: 'bce' } },
    ],
    edges: [['in', 'a'], ['in', 'b'], ['a', 'sum', 'a'], ['b', 'sum', 'b'], ['sum', 'both', 'a'], ['a', 'both', 'b'], ['both', 'norm'], ['norm', 'drop'], ['drop', 'y'], ['y', 'sig'], ['sig', 'loss']]
      .map(([source, target, targetHandle], i) => ({ id: `e${i}`, source, target, ...(targetHandle ? { targetHandle } : {}) })),
    training: { dataset: { name: 'xor', samples: 200, noise: 0.1, validationSplit: 0.2 }, optimizer: { type: 'adam', lr: 0.05 }, batchSize: 8, epochs: 1, seed: 5 },
  }),
}, {
  name: 'square-gate',
  graph: parse({
    format: 'netloom-graph', version: 1, name: 'square gate',
    nodes: [
      { id: 'in', type: 'Input', params: {} }, { id: 'h', type: 'Dense', params: { units: 4 } }, { id: 'sq', type: 'Multiply', params: {} },
      { id: 'y', type: 'Dense', params: { units: 1 } }, { id: 'sig', type: 'Activation', params: { fn: 'sigmoid' } }, { id: 'loss', type: 'Loss', params: { fn: 'bce' } },
    ],
    edges: [['in', 'h'], ['h', 'sq', 'a'], ['h', 'sq', 'b'], ['sq', 'y'], ['y', 'sig'], ['sig', 'loss']]
      .map(([source, target, targetHandle], i) => ({ id: `e${i}`, source, target, ...(targetHandle ? { targetHandle } : {}) })),
    training: { dataset: { name: 'xor', samples: 200, noise: 0.1, validationSplit: 0.2 }, optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 8, epochs: 1, seed: 2 },
  }),
}];
const cases = [...exampleGraphs(), ...activationGraphs(), ...coverageGraphs(), ...convGraphs(), ...recurrentGraphs(), ...extra, ...poolGraphs().filter((c) => !(c.name in KERAS_SCRIPT_REFUSED))];

/** Graph → the node the export must name in its refusal. */
const REFUSED: Record<string, string> = {
  'attention-sequence': 'att', 'nalu-add': 'nalu', 'cov-branching': 'attn',
  'act-step': 'act',
  'copy-first-gru': 'rnn', 'rnn-gru-stacked-lstm': 'gru', 'rnn-embedding-gru-simple': 'gru',
  'pool-ceil-lrn': 'lrn',
};

describe('Keras model export (TF.js Layers format)', () => {
  const data = new Map<string, LoadedDataset>();
  beforeAll(async () => {
    for (const c of cases) data.set(c.name, await loadData(c.graph));
  }, 300_000);

  const expressible = cases.filter((c) => !(c.name in REFUSED));
  it('covers every new layer kind and the examples Keras can express', () => {
    const types = new Set(expressible.flatMap((c) => c.graph.nodes.map((n) => n.type)));
    for (const t of ['Dense', 'Conv2D', 'Conv1D', 'MaxPool2D', 'AvgPool2D', 'MaxPool1D', 'AvgPool1D', 'GlobalAvgPool', 'BatchNorm',
      'Reshape', 'Permute', 'Multiply', 'Embedding', 'SimpleRNN', 'LSTM', 'Flatten', 'Concat', 'Add', 'LayerNorm', 'MeanPool', 'Dropout']) {
      expect(types.has(t), t).toBe(true);
    }
    expect(expressible.filter((c) => exampleGraphs().some((e) => e.name === c.name)).length).toBeGreaterThanOrEqual(10);
  });

  it.each(expressible.map((c) => c.name))('%s: tfjs-layers gives NetLoom\'s outputs', async (name) => {
    const { graph } = cases.find((c) => c.name === name)!;
    const d = data.get(name)!;
    for (const steps of [0, 5]) {
      const ref = netloomForward(graph, d, steps);
      const out = await tfjsPredict(graph, d, ref.weights, ref.inputs, ref.inputShape);
      expect(out.length).toBe(ref.expected.length);
      const maxDiff = Math.max(...Array.from(out, (v, i) => Math.abs(v - ref.expected[i]!)));
      expect(maxDiff, `${name} after ${steps} steps: max |tfjs − netloom|`).toBeLessThan(1e-4);
    }
  });

  it.each(Object.entries(REFUSED))('%s: refused, naming node "%s"', (name, node) => {
    const { graph } = cases.find((c) => c.name === name)!;
    const m = buildExportModel(graph, data.get(name)!.info);
    expect(() => kerasLayersArtifacts(m, [], 'model')).toThrow(ExportError);
    expect(() => kerasLayersArtifacts(m, [], 'model')).toThrow(`node "${node}"`);
    // The Python script is still exported; the model file's place holds the reason.
    const files = exportKeras(graph, { dataset: data.get(name)! });
    expect(files.map((f) => f.name)).toContain(files.find((f) => f.role === 'main')!.name);
    const note = files.find((f) => f.name.endsWith('_keras.model.txt'));
    expect(note?.contents).toContain(`node "${node}"`);
    expect(files.some((f) => f.name.endsWith('.model.json'))).toBe(false);
  });

  it('writes model.json beside the script, pointing at its weights file', () => {
    const { graph } = cases.find((c) => c.name === 'xor-mlp')!;
    const files = exportKeras(graph, { dataset: data.get('xor-mlp')! });
    const json = files.find((f) => f.name.endsWith('_keras.model.json'))!;
    const bin = files.find((f) => f.name.endsWith('_keras.weights.bin'))!;
    const doc = JSON.parse(json.contents as string);
    expect(doc.format).toBe('layers-model');
    expect(doc.modelTopology.class_name).toBe('Functional');
    expect(doc.modelTopology.config.input_layers).toEqual([['in', 0, 0]]);
    expect(doc.weightsManifest[0].paths).toEqual([bin.name]);
    const floats = doc.weightsManifest[0].weights.reduce((s: number, w: { shape: number[] }) => s + w.shape.reduce((a, b) => a * b, 1), 0);
    expect((bin.contents as Uint8Array).length).toBe(floats * 4);
  });
});

describe('Keras model file layer names', () => {
  it('gives a helper layer another name when a node already has it, and refuses two nodes with one name', async () => {
    const graph = chainGraph('names', [['c', 'Reshape', { shape: [1, 2] }], ['c_pad', 'Conv1D', { filters: 2, kernelSize: 1, padding: 0 }], ['c_pad_pad', 'Conv1D', { filters: 2, kernelSize: 3, padding: 1 }],
      ['f', 'Flatten'], ['d', 'Dense', { units: 1 }], ['s', 'Activation', { fn: 'sigmoid' }]], { fn: 'bce' }, {});
    const d = await loadData(graph);
    const ref = netloomForward(graph, d, 2);
    const out = await tfjsPredict(graph, d, ref.weights, ref.inputs, ref.inputShape);
    expect(Math.max(...Array.from(out, (v, i) => Math.abs(v - ref.expected[i]!)))).toBeLessThan(1e-4);
    const clash = chainGraph('clash', [['a/b', 'Dense', { units: 2 }], ['a_b', 'Dense', { units: 1 }], ['s', 'Activation', { fn: 'sigmoid' }]], { fn: 'bce' }, {});
    expect(() => kerasLayersArtifacts(buildExportModel(clash, d.info), ref.weights, 'm')).toThrow('nodes "a/b" and "a_b" would both be the Keras layer "a_b"');
  });
});
