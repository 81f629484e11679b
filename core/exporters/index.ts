import { serializeGraph } from '../graph/io';
import { safeName } from './names';
import { exportKeras } from './keras';
import { exportOnnx } from './onnx';
import { exportPytorch } from './pytorch';
import type { Exporter } from './types';

/**
 * Every export target. Exporters are pure functions (graph + optional weights + optional loaded data →
 * files), with no I/O, so the CLI and the app's renderer call the same code; the host writes the files.
 */
export type { ExportFile, ExportOptions, Exporter } from './types';
export { ExportError, buildExportModel, type ExportModel, type ExportNode } from './export-model';
export { safeName } from './names';

export const jsonExporter: Exporter = {
  id: 'json',
  title: 'NetLoom graph (JSON)',
  extension: '.json',
  binary: false,
  wantsDataset: false,
  export: (graph) => [{ name: `${safeName(graph.name)}.json`, contents: serializeGraph(graph), role: 'main' }],
};

export const pytorchExporter: Exporter = {
  id: 'pytorch',
  title: 'PyTorch (Python script)',
  extension: '.py',
  binary: false,
  wantsDataset: true,
  export: (graph, options) => exportPytorch(graph, options),
};

export const onnxExporter: Exporter = {
  id: 'onnx',
  title: 'ONNX (inference model)',
  extension: '.onnx',
  binary: true,
  wantsDataset: false,
  export: (graph, options) => exportOnnx(graph, options),
};

export const kerasExporter: Exporter = {
  id: 'keras',
  title: 'Keras (Python script, TensorFlow 2)',
  extension: '.py',
  binary: false,
  wantsDataset: true,
  export: (graph, options) => exportKeras(graph, options),
};

export const EXPORTERS: Record<string, Exporter> = {
  json: jsonExporter, pytorch: pytorchExporter, keras: kerasExporter, onnx: onnxExporter,
};
