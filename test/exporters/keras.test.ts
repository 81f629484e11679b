import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExportModel, type ExportNode } from '../../core/exporters';
import { exportKeras, kerasLayerName } from '../../core/exporters/keras';
import { activationGraphs, coverageGraphs, exampleGraphs } from './helpers/graphs';
import { PYTHON, runPython } from './helpers/python';

/**
 * Keras export. TensorFlow cannot be installed here, so the generated code is checked by
 * `python3 -m py_compile` and by reading its build_model() with Python's ast: every node is a layer
 * named after its id, of the right class and settings, wired to the right inputs, and every NetLoom
 * tensor has a place in the weights table.
 */
const cases = [...exampleGraphs(), ...activationGraphs(), ...coverageGraphs()];

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
    mish: ['Mish', () => {}],
  };
  switch (node.type) {
    case 'Dense': return { cls: 'layers.Dense', check: (l) => { expect(l.args).toEqual([p.units]); expect(l.kwargs.use_bias).toBe(p.bias); } };
    case 'Dropout': return { cls: 'layers.Dropout', check: (l) => expect(l.args).toEqual([p.rate]) };
    case 'NALU': return { cls: 'NALU', check: (l) => expect(l.args).toEqual([p.units]) };
    case 'SelfAttention': return { cls: 'SelfAttention', check: (l) => expect(l.kwargs).toMatchObject({ d_model: p.dModel, heads: p.heads, causal: p.causal }) };
    case 'Add': return { cls: 'layers.Add', check: () => {} };
    case 'Concat': return { cls: 'layers.Concatenate', check: (l) => expect(l.kwargs.axis).toBe(-1) };
    case 'Flatten': return { cls: 'layers.Flatten', check: () => {} };
    case 'LayerNorm': return { cls: 'layers.LayerNormalization', check: (l) => expect(l.kwargs.epsilon).toBe(1e-5) };
    case 'MeanPool': return { cls: 'layers.GlobalAveragePooling1D', check: () => {} };
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
      const inputs = layer!.inputs[0]!.replace(/^\[|\]$/g, '').split(', ').map((v) => script.variables[v]);
      expect(inputs, `${node.id} inputs`).toEqual(node.inputs.map(kerasLayerName));
    }
    expect(script.variables[script.output.outputs!]).toBe(kerasLayerName(model.prediction));
    const tensors = Object.values(script.weights).flat().sort();
    expect(tensors).toEqual(model.plan.params.map((p) => `${p.node}.${p.name}`).sort());
  });
});
