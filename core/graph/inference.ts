import type { DatasetInfo } from '../catalog/types';
import type { Shape } from '../util/tensor';
import type { Problem } from './problem';
import type { Graph } from './schema';
import type { Structure } from './structure';

/**
 * Graphs made for prediction only — typically imported from ONNX — have no Loss and no dataset.
 * `training.dataset.name` is then `"none"`, and the Input node carries the per-sample shape of the
 * data in an optional `shape` field (`"shape": [3, 32, 32]`). Adding a Loss and choosing a dataset
 * makes such a graph trainable like any other.
 */
export const NO_DATASET = 'none';

/** The `shape` field of an Input node, checked: undefined when absent, a Problem when malformed. */
export function explicitShapeOf(graph: Graph, s: Structure, id: string): Shape | Problem | undefined {
  const i = s.indexOf.get(id)!;
  const raw = (graph.nodes[i] as { shape?: unknown }).shape;
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || raw.length === 0 || raw.some((d) => !Number.isInteger(d) || d < 1 || d > 1 << 24)) {
    return {
      path: `nodes[${i}].shape`, nodeId: id, code: 'input-shape', severity: 'error',
      message: `Input shape must be a non-empty list of positive integers (the size of one example, without the batch), got ${JSON.stringify(raw)}`,
    };
  }
  return raw as number[];
}

/**
 * Checks the Input nodes' `shape` fields against the dataset (when there is one) and, for a graph
 * without a dataset, makes the DatasetInfo shape inference runs on.
 */
export function checkInputShapes(graph: Graph, s: Structure, dataset: DatasetInfo | null, problems: Problem[]): DatasetInfo | null {
  let shape: Shape | undefined;
  for (const n of graph.nodes) {
    if (s.kinds.get(n.id)?.type !== 'Input' || s.indexOf.get(n.id) === undefined) continue;
    const own = explicitShapeOf(graph, s, n.id);
    if (own === undefined) continue;
    if (!Array.isArray(own)) {
      problems.push(own as Problem);
      continue;
    }
    shape ??= own;
    const ds = dataset?.inputShape;
    if (ds && (ds.length !== own.length || ds.some((d, i) => d !== own[i]))) {
      problems.push({
        path: `nodes[${s.indexOf.get(n.id)}].shape`, nodeId: n.id, code: 'input-shape', severity: 'error',
        message: `Input expects examples of shape [${own.join(', ')}] but the dataset gives [${ds.join(', ')}]; choose a dataset of that shape or remove the Input's "shape"`,
      });
    }
  }
  if (dataset) return dataset;
  return shape ? { inputShape: shape, target: { kind: 'regression', size: 1 } } : null;
}
