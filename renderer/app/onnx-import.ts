import type { Problem } from '../../core/graph/problem';
import type { Graph } from '../../core/graph/schema';
import { importOnnx } from '../../core/importers/onnx';
import { groupsOf, setAllCollapsed } from '../groups/group-model';
import { encodeSafetensors, WEIGHTS_FORMAT, WEIGHTS_LAYOUT_NOTE, WEIGHTS_VERSION } from '../../core/weights';

/** What File ▸ Import ONNX… makes of a file: the graph and its weights file, or the problems to show. */
export type OnnxImportOutcome =
  | { ok: true; graph: Graph; weightsName: string; weights: Uint8Array; summary: string }
  | { ok: false; problems: Problem[] };

/** Imported models with more nodes than this open with their proposed groups collapsed. */
export const COLLAPSE_ABOVE = 60;

export const isOnnxFileName = (name: string): boolean => /\.onnx$/i.test(name);

/** Runs the core importer on a picked or dropped file; every refusal becomes a Problem for the dialog. */
export async function importOnnxFile(file: File): Promise<OnnxImportOutcome> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const name = file.name.replace(/\.onnx$/i, '');
  const r = importOnnx(bytes, { name, fileName: file.name });
  if (!r.ok) {
    return { ok: false, problems: r.problems.map((p) => ({ path: p.nodeName ? `ONNX node "${p.nodeName}"` : '', code: 'onnx-import', severity: 'error', message: p.message })) };
  }
  const weights = encodeSafetensors(r.weights, {
    format: WEIGHTS_FORMAT, version: WEIGHTS_VERSION, graph: r.graph.name, layout: WEIGHTS_LAYOUT_NOTE, source: file.name,
  });
  // A big model opens with its blocks collapsed, so it reads as a chain of named blocks; a small one
  // opens with every node showing (its groups are there to collapse by hand).
  const big = r.graph.nodes.length > COLLAPSE_ABOVE;
  const graph = big ? setAllCollapsed(true)(r.graph) : r.graph;
  const folded = r.report.folded.length ? `, ${r.report.folded.length} constant ops folded` : '';
  return {
    ok: true, graph, weights, weightsName: `${name}.safetensors`,
    summary: `Imported ${file.name}: ${r.graph.nodes.length} nodes${folded}${groupsNote(graph, big)}. Add a Loss and choose a dataset to train it.`,
  };
}

function groupsNote(graph: Graph, collapsed: boolean): string {
  const n = groupsOf(graph).length;
  if (n === 0) return '';
  return `, ${n} group${n === 1 ? '' : 's'}${collapsed ? ' (collapsed: ▸ opens one)' : ''}`;
}

/** The browser file picker for .onnx files (it works in the desktop renderer too); null when cancelled. */
export function pickOnnxFile(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.onnx';
    input.style.display = 'none';
    input.dataset.testid = 'onnx-file-input';
    const done = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => done(null), { once: true });
    document.body.append(input);
    input.click();
  });
}
