import { getDataset, resolveDatasetParams } from '../../core/datasets';
import type { LoadedDataset } from '../../core/datasets/types';
import { EXPORTERS, type ExportFile } from '../../core/exporters';
import type { Graph } from '../../core/graph/schema';
import { deriveSeed } from '../../core/util/rng';
import { createBrowserResources } from '../engine/browser-resources';
import { pythonExportNames } from '../../core/exporters/python/file-names';

/** Weights to export with, and where they come from (said in the dialog). */
export interface ExportWeights {
  bytes?: Uint8Array;
  label: string;
}

export interface PreparedExport {
  exporterId: string;
  title: string;
  files: ExportFile[];
  /** Said in the dialog when something could not be included (e.g. a CSV that was never picked). */
  note?: string;
}

/**
 * Build the files of an export as the CLI does: the dataset is loaded with the run's own data seed, so a
 * Python script trains on exactly the rows NetLoom trains on. Throws with the exporter's message when the
 * graph cannot be exported (it does not compile).
 */
export async function prepareExport(exporterId: string, graph: Graph, csvFiles: Record<string, string> = {}, weights?: ExportWeights): Promise<PreparedExport> {
  const exporter = EXPORTERS[exporterId];
  if (!exporter) throw new Error(`export to ${exporterId} is not available in this build`);
  let dataset: LoadedDataset | undefined;
  let note: string | undefined;
  if (exporter.wantsDataset || graph.training.dataset.name === 'csv') {
    try {
      dataset = await loadDataset(graph, csvFiles);
    } catch (e) {
      note = `The data file is not included (${(e as Error).message}); the script expects it beside itself.`;
    }
  }
  const files = renameMain(exporterId, graph.name, exporter.export(graph, { ...(dataset ? { dataset } : {}), ...(weights?.bytes ? { weights: weights.bytes } : {}) }));
  const notes = [weights ? `Weights: the ${weights.label}.` : '', note ?? ''].filter(Boolean);
  return { exporterId, title: exporter.title, files, ...(notes.length ? { note: notes.join(' ') } : {}) };
}

async function loadDataset(graph: Graph, csvFiles: Record<string, string>): Promise<LoadedDataset> {
  const ref = graph.training.dataset;
  const resolved = resolveDatasetParams(ref);
  if ('error' in resolved) throw new Error(`${resolved.error.path}: ${resolved.error.message}`);
  return getDataset(ref.name)!.load(resolved.params, deriveSeed(graph.training.seed, 'data'), createBrowserResources(csvFiles));
}

/** What the preview shows for a file: its text, or a line describing a binary file. */
export function previewText(file: ExportFile): string {
  if (typeof file.contents === 'string') return file.contents;
  return `(binary file, ${file.contents.length.toLocaleString('en')} bytes)`;
}

/**
 * One readable base name for every target (the Python module name: `xor`), and a different main
 * file per target — `xor.py` (PyTorch), `xor_keras.py`, `xor.onnx` — so two exports never overwrite
 * each other. Only the main file is renamed: nothing refers to it, while scripts refer to the others.
 */
export function renameMain(exporterId: string, graphName: string, files: ExportFile[]): ExportFile[] {
  const base = pythonExportNames(graphName).module;
  const main = exporterId === 'pytorch' ? `${base}.py` : exporterId === 'keras' ? `${base}_keras.py` : exporterId === 'onnx' ? `${base}.onnx` : null;
  return main === null ? files : files.map((f) => (f.role === 'main' ? { ...f, name: main } : f));
}
