import type { Plan } from '../../core/compiler/plan';
import type { Graph } from '../../core/graph/schema';
import { decodeWeightsFor } from '../../core/weights';
import { planOf } from '../training/weights-actions';

/**
 * The weights that came with the open document: an imported ONNX model's own weights. While that
 * document is open (the store's generation has not moved on) and the graph still fits them, Predict
 * uses them and a new training run starts from them instead of from the graph's seed. Editing a layer
 * so a tensor no longer fits drops back to the seed, and the run's name says which it was.
 */
interface Held {
  bytes: Uint8Array;
  source: string;
  isCurrent: () => boolean;
}

let held: Held | null = null;

/** `isCurrent` says whether the document these weights belong to is still the open one. */
export function holdDocumentWeights(bytes: Uint8Array, source: string, isCurrent: () => boolean): void {
  held = { bytes, source, isCurrent };
}

export function clearDocumentWeights(): void {
  held = null;
}

export interface DocumentWeights {
  bytes: Uint8Array;
  label: string;
}

/** The open document's weights when they fit this graph (checked against `plan`, or a fresh compile). */
export function documentWeightsFor(graph: Graph, plan?: Plan | null): DocumentWeights | null {
  if (!held || !held.isCurrent()) return null;
  const p = plan ?? planOf(graph);
  if (!p) return null;
  try {
    decodeWeightsFor(p, held.bytes);
  } catch {
    return null; // a layer was changed since the import: its tensors no longer fit
  }
  return { bytes: held.bytes, label: `the imported weights of ${held.source}` };
}
