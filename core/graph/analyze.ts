import { checkParam, paramSpecsOf, withDefaults } from '../catalog/params';
import type { DatasetInfo, ParamValues } from '../catalog/types';
import { DatasetNeedsFileError, getDataset, resolveDatasetParams } from '../datasets';
import { formatShape, type Shape } from '../util/tensor';
import { checkInputShapes, NO_DATASET } from './inference';
import type { Problem } from './problem';
import type { Graph } from './schema';
import { analyzeStructure, type Structure } from './structure';

export interface Analysis {
  problems: Problem[];
  structure: Structure;
  /** Params with defaults filled, for nodes whose params are valid. */
  params: Map<string, ParamValues>;
  /** Per-sample output shape of each node whose shape could be inferred. */
  shapes: Map<string, Shape>;
  dataset: { info: DatasetInfo; params: ParamValues } | null;
}

export interface AnalyzeOptions {
  /** Facts of already-loaded data (a CSV file), when the dataset cannot describe itself without it. */
  datasetInfo?: DatasetInfo;
}

/**
 * Everything the editor shows live and the compiler needs: structure, params, dataset and shapes, with
 * every problem found. Never throws on a bad graph.
 */
export function analyzeGraph(graph: Graph, options: AnalyzeOptions = {}): Analysis {
  const problems: Problem[] = [];
  const structure = analyzeStructure(graph, problems);
  const params = checkParams(graph, structure, problems);
  const inferenceOnly = graph.training.dataset.name === NO_DATASET;
  checkInputAndLoss(graph, structure, problems, inferenceOnly);
  const described = inferenceOnly ? null : describeDataset(graph, options, problems);
  const info = checkInputShapes(graph, structure, described?.info ?? null, problems);
  const dataset = described ?? (inferenceOnly && info ? { info, params: {} } : null);
  if (inferenceOnly && !info) {
    problems.push({ path: 'training.dataset.name', code: 'no-dataset', severity: 'error', message: 'the graph has no dataset and its Input has no "shape"; choose a dataset' });
  }
  const shapes = new Map<string, Shape>();
  if (structure.order && dataset) inferShapes(graph, structure, params, dataset.info, shapes, problems);
  return { problems, structure, params, shapes, dataset };
}

function checkParams(graph: Graph, s: Structure, problems: Problem[]): Map<string, ParamValues> {
  const out = new Map<string, ParamValues>();
  graph.nodes.forEach((node, i) => {
    const kind = s.kinds.get(node.id);
    if (!kind || s.indexOf.get(node.id) !== i) return;
    const at = { path: `nodes[${i}]`, nodeId: node.id, severity: 'error' as const };
    let ok = true;
    // Check the params that decide the others (an Activation's fn) before asking for the full set.
    for (const [name, spec] of Object.entries(kind.params)) {
      const v = node.params[name];
      const msg = v === undefined ? null : checkParam(spec, v);
      if (msg) {
        problems.push({ ...at, code: 'param-range', message: `${kind.type}.${name} ${msg}` });
        ok = false;
      }
    }
    if (!ok) return;
    const values = withDefaults(kind, node.params);
    const specs = paramSpecsOf(kind, values);
    for (const name of Object.keys(node.params)) {
      if (!(name in specs)) {
        const known = Object.keys(specs);
        problems.push({
          ...at, code: 'unknown-param',
          message: `${kind.type} has no parameter ${JSON.stringify(name)}${known.length ? ` (it has ${known.join(', ')})` : ''}`,
        });
        ok = false;
        continue;
      }
      if (name in kind.params) continue;
      const msg = checkParam(specs[name]!, node.params[name]);
      if (msg) {
        problems.push({ ...at, code: 'param-range', message: `${kind.type}.${name} ${msg}` });
        ok = false;
      }
    }
    if (ok) out.set(node.id, values);
  });
  return out;
}

function checkInputAndLoss(graph: Graph, s: Structure, problems: Problem[], inferenceOnly: boolean): void {
  const ofType = (t: string) => graph.nodes.filter((n) => s.kinds.get(n.id)?.type === t);
  if (ofType('Input').length === 0) {
    problems.push({ path: 'nodes', code: 'no-input', severity: 'error', message: 'the graph has no Input node; add one where the data enters' });
  }
  const losses = ofType('Loss');
  if (losses.length === 0) {
    // Without a Loss the graph still runs for prediction (an imported model): a note, not an error.
    problems.push({ path: 'nodes', code: 'no-loss', severity: 'warning', message: 'no Loss node: the graph can predict but not train; add a Loss after the output to train it' });
  } else if (inferenceOnly) {
    problems.push({ path: 'training.dataset.name', code: 'no-dataset', severity: 'error', message: 'a Loss needs targets: choose a dataset in the training settings to train this graph' });
  }
  if (losses.length > 1) {
    const [, second] = losses;
    problems.push({
      path: `nodes[${s.indexOf.get(second!.id)}]`, nodeId: second!.id, code: 'many-losses', severity: 'error',
      message: `more than one Loss node (${losses.map((l) => `"${l.id}"`).join(', ')}); a graph trains one objective`,
    });
  }
}

function describeDataset(graph: Graph, options: AnalyzeOptions, problems: Problem[]): Analysis['dataset'] {
  const ref = graph.training.dataset;
  const resolved = resolveDatasetParams(ref);
  if ('error' in resolved) {
    problems.push({ path: resolved.error.path, code: 'dataset', severity: 'error', message: resolved.error.message });
    return null;
  }
  if (options.datasetInfo) return { info: options.datasetInfo, params: resolved.params };
  try {
    return { info: getDataset(ref.name)!.describe(resolved.params), params: resolved.params };
  } catch (e) {
    if (e instanceof DatasetNeedsFileError) {
      // Shapes depend on the file's columns: checked once the host has read it (options.datasetInfo).
      problems.push({ path: 'training.dataset.path', code: 'dataset-unread', severity: 'warning', message: 'shapes are checked once the CSV file is read' });
    } else problems.push({ path: 'training.dataset', code: 'dataset', severity: 'error', message: (e as Error).message });
    return null;
  }
}

function inferShapes(
  graph: Graph, s: Structure, params: Map<string, ParamValues>, dataset: DatasetInfo,
  shapes: Map<string, Shape>, problems: Problem[],
): void {
  for (const id of s.order!) {
    const kind = s.kinds.get(id)!;
    const values = params.get(id);
    const wires = s.inputsOf.get(id)!;
    const inputs: Shape[] = [];
    for (const w of wires) {
      const sh = w ? shapes.get(w.source) : undefined;
      if (!sh) break;
      inputs.push(sh);
    }
    // Upstream problems were reported where they arose; don't repeat them downstream.
    if (!values || inputs.length !== kind.inputs.length) continue;
    const r = kind.inferShape({ params: values, inputs, dataset });
    if (r.ok) {
      shapes.set(id, r.shape);
      continue;
    }
    // Name every input, not only the port at fault: a mismatch is between two upstream nodes.
    const fed = wires.map((w, p) => `${kind.inputs[p]!.name} = ${formatShape(inputs[p]!)} from "${w!.source}"`).join(', ');
    problems.push({
      path: `nodes[${s.indexOf.get(id)}]`, nodeId: id, code: kind.type === 'Loss' ? 'loss-target' : 'shape-mismatch', severity: 'error',
      message: `${kind.type} ${r.message} (input ${fed})`,
    });
  }
  void graph;
}
