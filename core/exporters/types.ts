import type { LoadedDataset } from '../datasets/types';
import type { Graph } from '../graph/schema';

/** One exported file: its suggested name and contents. */
export interface ExportFile {
  name: string;
  contents: string | Uint8Array;
  /** `main` is the file the user asked for; the others go beside it. */
  role: 'main' | 'weights' | 'data';
}

export interface ExportOptions {
  /** A NetLoom weights file (safetensors bytes); without it, the initial weights of the graph's seed. */
  weights?: Uint8Array;
  /** The loaded dataset; Python exports write it beside the script. Needed to know a CSV dataset's shape. */
  dataset?: LoadedDataset;
}

export interface Exporter {
  id: string;
  title: string;
  /** Extension of the main file, e.g. `.py`. */
  extension: string;
  /** Whether the main file is binary (ONNX) rather than text. */
  binary: boolean;
  /** Whether the export uses the loaded dataset (the host should pass `dataset`). */
  wantsDataset: boolean;
  /** Pure: graph (+ weights, data) → files. Throws ExportError for a graph that does not compile. */
  export(graph: Graph, options: ExportOptions): ExportFile[];
}
