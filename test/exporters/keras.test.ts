import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExportModel, type ExportNode } from '../../core/exporters';
import { exportKeras, kerasLayerName } from '../../core/exporters/keras';
import { activationGraphs, coverageGraphs, exampleGraphs } from './helpers/graphs';
import { convGraphs } from './helpers/conv-graphs';
import { KERAS_SCRIPT_REFUSED, poolGraphs } from './helpers/pool-graphs';
import { PYTHON, runPython } from './helpers/python';

/**
 * Keras export. TensorFlow cannot be installed here, so the generated code is checked by
 * `python3 -m py_compile` and by reading its build_model() with Python's ast: every node is a layer
 * named after its id, of the right class and settings, wired to the right inputs, and every NetLoom
 * tensor has a place in the weights table.
 */
const cases = [...exampleGraphs(), ...activationGraphs(), ...coverageGraphs(), ...convGraphs(), ...poolGraphs().filter((c) => !(c.name in KERAS_SCRIPT_REFUSED))];

interface LayerInfo { var: string; class: string; args: unknown[]; kwargs: Record<string, unknown>; inputs: string[] }
interface ScriptInfo { layers: LayerInfo[]; output: Record<string, string>; variables: Record<string, string>; weights: Record<string, string[]> }

/** What each node must become: the Keras class and the settings that must be there. */
function expectedLayer(node: ExportNode): { cls: string; check(l: LayerInfo): void } {
  const p = node.params;
  const act: Record<string, [string, (l: LayerInfo) => void]> = {
    tanh: ['layers.Activation', (l) => expect(l.args).toEqual(['tanh'])],
    sigmoid: ['layers.Activation', (l) => expect(l.args).toEqual(['sigmoid'])],
    relu: ['layers.Activation', (l) => expect(l.args).toEqual(['relu'])],
    linear: ['layers.Activation', (l) => expect(l.args).toEqual(['linear'])],
    softsign: ['layers.Activation', (l) => expect(l.args).toEqual(['softsign'])],
    selu: ['layers.Activation', (l) => expect(l.args).toEqual(['selu'])],
    softplus: ['layers.Activation', (l) => expect(l.args).toEqual(['softplus'])],
    silu: ['layers.Activation', (l) => expect(l.args).toEqual(['swish'])],
    softmax: ['layers.Softmax', (l) => expect(l.kwargs.axis).toBe(-1)],
    elu: ['layers.ELU', (l) => expect(l.kwargs.alpha).toBe(p.alpha)],
    leaky_relu: ['layers.ReLU', (l) => expect(l.kwargs.negative_slope).toBe(p.alpha)],
    relu6: ['layers.ReLU', (l) => expect(l.kwargs.max_value).toBe(6)],
    prelu: ['layers.PReLU', (l) => expect(l.kwargs.alpha_initializer).toBe('keras.initializers.Constant(0.25)')],
    step: ['Step', () => {}],
    hard_sigmoid: ['HardSigmoid', () => {}],
    crelu: ['CReLU', () => {}],
    gelu: ['GeluTanh', () => {}],
    gelu_erf: ['layers.Activation', (l) => expect(l.args).toEqual(['gelu'])],
    mish: ['Mish', () => {}],
    log_softmax: ['layers.Lambda', (l) => expect(l.args).toEqual(['lambda t: tf.nn.log_softmax(t, axis=-1)'])],
  };
  const channelsFirst = (l: LayerInfo) => expect(l.kwargs.data_format).toBe('channels_first');
  const conv = (l: LayerInfo) => {
    expect(l.args).toEqual([p.filters, p.kernelSize]);
    expect(l.kwargs).toMatchObject({ strides: p.stride, dilation_rate: p.dilation, groups: p.groups, use_bias: p.bias, padding: p.padding === 'same' ? 'same' : 'valid' });
    channelsFirst(l);
  };
  const pool = (l: LayerInfo) => {
    expect(l.args).toEqual([p.poolSize]);
    expect(l.kwargs.strides).toBe(p.stride === 0 ? p.poolSize : p.stride);
    channelsFirst(l);
  };
  switch (node.type) {
    case 'Dense': return { cls: 'layers.Dense', check: (l) => { expect(l.args).toEqual([p.units]); expect(l.kwargs.use_bias).toBe(p.bias); } };
    case 'Dropout': return { cls: 'layers.Dropout', check: (l) => expect(l.args).toEqual([p.rate]) };
    case 'NALU': return { cls: 'NALU', check: (l) => expect(l.args).toEqual([p.units]) };
    case 'SelfAttention': return { cls: 'SelfAttention', check: (l) => expect(l.kwargs).toMatchObject({ d_model: p.dModel, heads: p.heads, causal: p.causal }) };
    case 'Add': return { cls: 'layers.Add', check: () => {} };
    case 'Concat': return { cls: 'layers.Concatenate', check: (l) => expect(l.kwargs.axis).toBe((p.axis as number | undefined) ?? -1) };
    case 'LRN': return { cls: 'layers.Lambda', check: (l) => { expect(String(l.args[0])).toMatch(/^lambda t: t \/ tf\.pow\(/); expect(String(l.args[0])).toContain(`tf.square(t)`); expect(String(l.args[0])).toContain(`for i in range(${p.size})`); } };
    case 'Flatten': return { cls: 'layers.Flatten', check: () => {} };
    case 'LayerNorm': return { cls: 'layers.LayerNormalization', check: (l) => expect(l.kwargs.epsilon).toBe(1e-5) };
    case 'MeanPool': return { cls: 'layers.GlobalAveragePooling1D', check: () => {} };
    case 'Conv2D': return { cls: 'layers.Conv2D', check: conv };
    case 'Conv1D': return { cls: 'layers.Conv1D', check: conv };
    case 'MaxPool2D': return { cls: 'layers.MaxPooling2D', check: pool };
    case 'AvgPool2D': return { cls: 'layers.AveragePooling2D', check: pool };
    case 'MaxPool1D': return { cls: 'layers.MaxPooling1D', check: pool };
    case 'AvgPool1D': return { cls: 'layers.AveragePooling1D', check: pool };
    case 'GlobalAvgPool': return { cls: `layers.GlobalAveragePooling${node.inputShapes[0]!.length === 3 ? 2 : 1}D`, check: channelsFirst };
    case 'BatchNorm': return { cls: 'layers.BatchNormalization', check: (l) => expect(l.kwargs).toMatchObject({ axis: 1, epsilon: p.epsilon, center: p.affine }) };
    case 'Reshape': return { cls: 'layers.Reshape', check: (l) => expect(l.args).toEqual([node.shape]) };
    case 'Permute': return { cls: 'layers.Permute', check: (l) => expect(l.args).toEqual([p.axes]) };
    case 'Multiply': return { cls: 'layers.Multiply', check: () => {} };
    case 'Embedding': return { cls: 'layers.Embedding', check: (l) => expect(l.args).toEqual([p.vocabSize, p.dim]) };
    case 'SimpleRNN': case 'LSTM': case 'GRU':
      return { cls: `layers.${node.type}`, check: (l) => { expect(l.args).toEqual([p.units]); expect(l.kwargs.return_sequences).toBe(p.returnSequences); } };
    case 'Activation': {
      const [cls, check] = act[p.fn as string]!;
      return { cls, check };
    }
    default: throw new Error(`no expectation for ${node.type}`);
  }
}

describe('Keras export of pools Keras cannot express', () => {
  it('refuses an average whose divisor Keras cannot match, naming the node', () => {
    const graph = poolGraphs().find((c) => c.name === 'pool-signal-ceil-lrn')!.graph;
    const undilated = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'p1' ? { ...n, params: { ...n.params, dilation: 1 } } : n)) };
    expect(() => exportKeras(undilated)).toThrow(/node "p2" \(AvgPool1D\) cannot be written as a Keras pooling layer: the divisor leaves padding out/);
  });

  it.each(poolGraphs().filter((c) => c.name in KERAS_SCRIPT_REFUSED))('$name is refused, naming the node', ({ name, graph }) => {
    expect(() => exportKeras(graph)).toThrow(new RegExp(`node "${KERAS_SCRIPT_REFUSED[name]}" \\(MaxPool1D\\) cannot be written as a Keras pooling layer: Keras pools have no dilation`));
  });
});

describe.skipIf(!existsSync(PYTHON))('Keras export (syntax and structure; TensorFlow is not installable here)', () => {
  let dir = '';
  let info: Record<string, ScriptInfo> = {};
  const paths = new Map<string, string>();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'netloom-keras-'));
    for (const { name, graph } of cases) {
      const [script] = exportKeras(graph);
      const path = join(dir, `${name.replace(/[^A-Za-z0-9]+/g, '_')}.py`);
      writeFileSync(path, script!.contents);
      paths.set(name, path);
    }
    info = JSON.parse(runPython([join(import.meta.dirname, 'keras_structure.py'), ...paths.values()]));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(cases)('$name: one layer per node, right class, settings and wiring', ({ name, graph }) => {
    const script = info[paths.get(name)!]!;
    const model = buildExportModel(graph);
    const byName = new Map(script.layers.map((l) => [l.kwargs.name as string, l]));
    const input = byName.get(kerasLayerName(model.input))!;
    expect(input.class).toBe('keras.Input');
    expect(input.kwargs.shape).toEqual(model.inputShape);
    for (const node of model.nodes) {
      const layer = byName.get(kerasLayerName(node.id));
      expect(layer, `layer for node ${node.id}`).toBeDefined();
      const want = expectedLayer(node);
      expect(layer!.class, node.id).toBe(want.cls);
      want.check(layer!);
      // Inputs are variables of the layers of the nodes feeding it, in port order.
      // A padding layer applied inline (explicit padding) wraps the variable: `Pad(...)(var)`.
      const unwrap = (s: string) => /\((\w+)\)+$/.exec(s)?.[1] ?? s;
      const raw = layer!.inputs[0]!;
      const inputs = (raw.startsWith('[') ? raw.slice(1, -1).split(', ') : [raw]).map((v) => script.variables[unwrap(v)]);
      expect(inputs, `${node.id} inputs`).toEqual(node.inputs.map(kerasLayerName));
    }
    expect(script.variables[script.output.outputs!]).toBe(kerasLayerName(model.prediction));
    const tensors = Object.values(script.weights).flat().sort();
    expect(tensors).toEqual(model.plan.params.map((p) => `${p.node}.${p.name}`).sort());
  });
});
