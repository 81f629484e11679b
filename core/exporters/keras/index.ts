import type { Graph } from '../../graph/schema';
import { encodeWeights } from '../../weights';
import { datasetNpz } from '../dataset-file';
import { weightsForExport } from '../export-inputs';
import { buildExportModel, ExportError, type ExportModel } from '../export-model';
import { pythonExportNames } from '../python/file-names';
import { pyLiteral, pythonNames } from '../python/identifiers';
import { scriptFilesAndTraining } from '../python/script-settings';
import { SAFETENSORS_PYTHON, weightsMetadataPython } from '../pytorch/weights-code';
import { kerasRecurrentKinds, RECURRENT_WEIGHTS_PYTHON } from './emit-recurrent';
import type { ExportFile, ExportOptions } from '../types';
import { kerasCustomLayers, type KerasCustomLayer } from './custom-layers';
import { kerasLayerCode } from './emit-nodes';
import { kerasTrainingPython } from './training-code';
import { kerasLayersModelFiles } from './tfjs-model';

/** A Keras layer name for a node id (Keras rejects some characters, e.g. `/`). */
export function kerasLayerName(id: string): string {
  return id.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/**
 * Graph → Keras functional-API script (TensorFlow 2), plus the weights it starts from and the data.
 * TensorFlow cannot be installed where NetLoom is tested, so this output is checked for syntax and
 * structure only (see docs/export.md).
 */
export function exportKeras(graph: Graph, options: ExportOptions = {}): ExportFile[] {
  const m = buildExportModel(graph, options.dataset?.info);
  const files = pythonExportNames(graph.name);
  const weights = weightsForExport(m.plan, graph.training.seed, options.weights);
  const out: ExportFile[] = [
    { name: files.script, contents: kerasScript(m, files), role: 'main' },
    { name: files.weights, contents: encodeWeights(m.plan, weights), role: 'weights' },
  ];
  if (options.dataset) out.push({ name: files.data, contents: datasetNpz(options.dataset), role: 'data' });
  out.push(...kerasModelFiles(m, weights, files.module));
  return out;
}

/** File names of the Keras model in the TensorFlow.js Layers format, beside the script. */
export function kerasModelFileNames(module: string): { model: string; weights: string; refusal: string } {
  return { model: `${module}_keras.model.json`, weights: `${module}_keras.weights.bin`, refusal: `${module}_keras.model.txt` };
}

/**
 * model.json + weights (TF.js Layers format). A node Keras' built-in layers cannot express (NALU,
 * self-attention, …) does not stop the script, which carries it as a custom layer: the model file is
 * replaced by a short text saying which node kept it out, so the user is told rather than left guessing.
 */
function kerasModelFiles(m: ExportModel, weights: Float32Array[], module: string): ExportFile[] {
  const names = kerasModelFileNames(module);
  try {
    const model = kerasLayersModelFiles(m, weights, module, names.weights);
    return [
      { name: names.model, contents: model.modelJson, role: 'weights' },
      { name: names.weights, contents: model.weightsBin, role: 'weights' },
    ];
  } catch (e) {
    if (!(e instanceof ExportError)) throw e;
    return [{ name: names.refusal, contents: `No Keras model file (TensorFlow.js Layers format) was written for "${m.graph.name}":\n${e.message}.\n`, role: 'data' }];
  }
}

function kerasScript(m: ExportModel, files: ReturnType<typeof pythonExportNames>): string {
  const names = pythonNames(m.nodes.map((n) => n.id));
  names.set(m.input, 'x');
  const t = m.graph.training;
  const regularizer = (t.l1 ?? 0) > 0 || (t.l2 ?? 0) > 0 ? `keras.regularizers.L1L2(l1=${t.l1 ?? 0}, l2=${t.l2 ?? 0})` : null;
  const custom = new Set<KerasCustomLayer>();
  const body: string[] = [`x = keras.Input(shape=${pyLiteral(m.inputShape).replace(/^\[(.*)\]$/, m.inputShape.length === 1 ? '($1,)' : '($1)')}, name=${JSON.stringify(kerasLayerName(m.input))})`];
  const weightTable: string[] = [];
  const layouts: string[] = [];
  for (const node of m.nodes) {
    // NetLoom's L1/L2 apply to weight matrices; in this export that is Dense kernels (custom layers: see docs).
    const code = kerasLayerCode(node, node.type === 'Dense' || node.type === 'Conv2D' || node.type === 'Conv1D' ? regularizer : null);
    if (code.customLayer) custom.add(code.customLayer);
    const layerName = kerasLayerName(node.id);
    const sep = code.open.endsWith('(') ? '' : ', ';
    const args = node.inputs.map((i) => names.get(i)!);
    const call = code.takesList ? `[${args.join(', ')}]` : code.wrapInput ? code.wrapInput(args[0]!) : args[0];
    for (const [param, perm] of Object.entries(code.layouts ?? {})) {
      if (node.weights.some((w) => w.name === param)) layouts.push(`    ${JSON.stringify(`${node.id}.${param}`)}: ${pyLiteral(perm).replace(/^\[(.*)\]$/, '($1)')},`);
    }
    body.push(`${names.get(node.id)} = ${code.open}${sep}name=${JSON.stringify(layerName)})(${call})`);
    if (node.weights.length) weightTable.push(`    ${JSON.stringify(layerName)}: [${node.weights.map((w) => JSON.stringify(`${node.id}.${w.name}`)).join(', ')}],`);
  }
  body.push(`return keras.Model(inputs=x, outputs=${names.get(m.prediction)}, name=${JSON.stringify(files.module)})`);
  const sections: string[][] = [
    [
      `"""Keras (TensorFlow 2) version of the NetLoom graph "${m.graph.name}", generated by \`netloom export --to keras\`.`,
      '',
      `Run it:  python3 ${files.script} --epochs 10`,
      `It starts from ${files.weights} (NetLoom's weights) when present and trains on ${files.data}.`,
      "NetLoom's tests cannot install TensorFlow, so this file is checked for syntax and structure only;",
      `the PyTorch and ONNX exports, and the Keras model file ${files.module}_keras.model.json when written`,
      '(loaded with TensorFlow.js in the tests), are the ones verified number for number.',
      '"""',
      'import argparse',
      'import json',
      'import math',
      'import struct',
      'from pathlib import Path',
      '',
      'import numpy as np',
      'import tensorflow as tf',
      'from tensorflow import keras',
      'from tensorflow.keras import layers',
      '',
      ...scriptFilesAndTraining(files, t, ['# Training settings from the graph; --epochs, --batch-size and --lr override them.']),
    ],
    ...kerasCustomLayers(custom).map((c) => c.split('\n')),
    [
      'def build_model():',
      `    """The network of "${m.graph.name}", one layer per NetLoom node, named after the node id."""`,
      ...body.map((l) => `    ${l}`),
    ],
    [
      '# Keras layer -> NetLoom tensors, in the order of layer.get_weights(). Dense kernels are [in][out]',
      "# in both, so no transpose is needed; PReLU's alpha is reshaped to the layer's own shape.",
      'NETLOOM_WEIGHTS = {',
      ...weightTable,
      '}',
      '# NetLoom tensor -> axis order of the Keras weight (convolution kernels: NetLoom keeps PyTorch\'s [F, C, (kh,) kw]).',
      'NETLOOM_LAYOUTS = {',
      ...layouts,
      '}',
      '',
      '# Recurrent layers whose weights are converted between the layouts (see recurrent_to_keras).',
      'RECURRENT_LAYERS = {',
      ...kerasRecurrentKinds(m.nodes, kerasLayerName),
      '}',
    ],
    RECURRENT_WEIGHTS_PYTHON.split('\n'),
    SAFETENSORS_PYTHON.split('\n'),
    [
      'def load_netloom_weights(model, path):',
      '    tensors = read_safetensors(path)',
      '    check_weight_names(path, tensors, [n for names in NETLOOM_WEIGHTS.values() for n in names])',
      '    for layer_name, netloom_names in NETLOOM_WEIGHTS.items():',
      '        layer = model.get_layer(layer_name)',
      '        arrays = [tensors[n].transpose(NETLOOM_LAYOUTS[n]) if n in NETLOOM_LAYOUTS else tensors[n] for n in netloom_names]',
      '        if layer_name in RECURRENT_LAYERS:',
      '            arrays = recurrent_to_keras(RECURRENT_LAYERS[layer_name], arrays)',
      '        layer.set_weights([a.reshape(w.shape) for a, w in zip(arrays, layer.get_weights())])',
    ],
    [
      'def save_netloom_weights(model, path):',
      '    tensors = {}',
      '    for layer_name, netloom_names in NETLOOM_WEIGHTS.items():',
      '        values = model.get_layer(layer_name).get_weights()',
      '        if layer_name in RECURRENT_LAYERS:',
      '            values = recurrent_from_keras(RECURRENT_LAYERS[layer_name], values)',
      '        for name, value in zip(netloom_names, values):',
      '            if name in NETLOOM_LAYOUTS:',
      '                value = value.transpose(np.argsort(NETLOOM_LAYOUTS[name]))',
      '            tensors[name] = value.reshape(-1) if name.endswith(".alpha") else value',
      `    write_safetensors(path, tensors, ${weightsMetadataPython(m.graph.name)})`,
    ],
    ...kerasTrainingPython(m),
  ];
  return `${sections.map((s) => s.join('\n')).join('\n\n\n')}\n`;
}
