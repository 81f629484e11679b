import { getDataset, resolveDatasetParams } from '../datasets';
import type { ResourceLoader } from '../datasets/types';
import { parseGraphObject } from '../graph/io';
import { formatProblem, ProblemError } from '../graph/problem';
import type { Graph } from '../graph/schema';
import { compileForPrediction, predict, PredictInputError } from '../inference/predict';
import {
  MAX_PREDICT_ROWS, MAX_PREDICT_VALUES, type PredictAnswer, type PredictCommand, type PredictInputSpec,
} from '../protocol/predict';
import type { NpyData } from '../util/npy';
import { deriveSeed } from '../util/rng';

/** A refusal that names the field of the command (or the graph's node) that was wrong. */
class Refused extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

interface ResolvedInput {
  data: NpyData;
  label: string;
  targets?: number[][];
}

/**
 * Answer one `predict` command: the graph in evaluation mode on the given rows (or the dataset's first
 * validation examples) with the chosen weights, by the same core/inference/predict the CLI runs.
 * `runWeights` gives a run's current weights file when this worker trains that run (null otherwise).
 * Never throws: every failure is a `predictError` naming the field or node.
 */
export async function answerPredict(
  cmd: PredictCommand, resources: ResourceLoader, runWeights: (runId: string) => Uint8Array | null,
): Promise<PredictAnswer> {
  try {
    const parsed = parseGraphObject(cmd.graph);
    if (!parsed.ok) throw new Refused(fieldOf(parsed.problems[0]), `Fix the graph first: ${parsed.problems.map(formatProblem).join('; ')}`);
    const graph = parsed.graph;
    let plan;
    try {
      plan = compileForPrediction(graph);
    } catch (e) {
      if (e instanceof ProblemError) throw new Refused(fieldOf(e.problems[0]), `Fix the graph first: ${e.problems[0] ? formatProblem(e.problems[0]) : e.message}`);
      throw e;
    }
    const input = await resolveInput(cmd.input, graph, resources);
    const w = cmd.weights;
    let bytes: Uint8Array | undefined;
    let label: string;
    if (w.from === 'bytes') {
      bytes = w.bytes;
      label = w.label;
    } else if (w.from === 'run') {
      const b = runWeights(w.runId);
      if (!b) throw new Refused('weights.runId', `no run "${w.runId}" in this worker to take weights from`);
      bytes = b;
      label = w.label;
    } else {
      label = `the initial weights (seed ${graph.training.seed})`;
    }
    let p;
    try {
      p = predict(plan, graph, input.data, bytes);
    } catch (e) {
      if (e instanceof PredictInputError) throw new Refused(/dtype/.test(e.message) ? 'input.dtype' : 'input.shape', e.message);
      // A weights file that does not fit the graph: decodeWeightsFor names the tensor.
      if (bytes) throw new Refused('weights', `weights file: ${(e as Error).message}`);
      throw e;
    }
    return {
      type: 'prediction', requestId: cmd.requestId, shape: p.shape, data: new Float32Array(p.data), node: p.node,
      input: { shape: [...input.data.shape], data: Float32Array.from(input.data.data), label: input.label },
      ...(input.targets ? { targets: input.targets } : {}),
      weights: { from: w.from, label },
    };
  } catch (e) {
    const field = e instanceof Refused ? e.field : 'predict';
    return { type: 'predictError', requestId: cmd.requestId, field, message: (e as Error).message };
  }
}

function fieldOf(problem: { nodeId?: string; path: string } | undefined): string {
  if (!problem) return 'graph';
  return problem.nodeId !== undefined ? `graph node "${problem.nodeId}"` : `graph${problem.path ? `.${problem.path}` : ''}`;
}

async function resolveInput(spec: PredictInputSpec, graph: Graph, resources: ResourceLoader): Promise<ResolvedInput> {
  if (spec.from === 'dataset') return datasetRows(graph, resources, spec.count);
  const rows = spec.shape[0]!;
  const size = spec.shape.reduce((a, b) => a * b, 1);
  if (rows > MAX_PREDICT_ROWS) {
    throw new Refused('input.shape', `${spec.label} has ${rows} rows; Predict in the app takes up to ${MAX_PREDICT_ROWS} (use \`netloom predict\` for more)`);
  }
  if (size > MAX_PREDICT_VALUES) throw new Refused('input.data', `${spec.label} has ${size} values; Predict in the app takes up to ${MAX_PREDICT_VALUES}`);
  if (spec.data.length !== size) {
    throw new Refused('input.data', `${spec.label}: shape (${spec.shape.join(', ')}) needs ${size} values, got ${spec.data.length}`);
  }
  return { data: { shape: [...spec.shape], dtype: spec.dtype, data: Float64Array.from(spec.data) }, label: spec.label };
}

/** The first rows of the validation split, as the run would see them (same data seed). */
async function datasetRows(graph: Graph, resources: ResourceLoader, count: number): Promise<ResolvedInput> {
  const ref = graph.training.dataset;
  const kind = getDataset(ref.name);
  if (!kind || ref.name === 'none') throw new Refused('input.from', 'This graph has no dataset: load a .npy file of inputs instead.');
  const resolved = resolveDatasetParams(ref);
  if ('error' in resolved) throw new Refused(`graph.${resolved.error.path}`, `${resolved.error.path} ${resolved.error.message}`);
  const loaded = await kind.load(resolved.params, deriveSeed(graph.training.seed, 'data'), resources);
  const split = loaded.validation.count > 0 ? loaded.validation : loaded.train;
  const n = Math.min(count, split.count);
  const inShape = loaded.info.inputShape;
  const inSize = inShape.reduce((a, b) => a * b, 1);
  const tSize = split.targets.length / Math.max(1, split.count);
  const targets = Array.from({ length: n }, (_, i) => Array.from(split.targets.subarray(i * tSize, (i + 1) * tSize)));
  return {
    data: { shape: [n, ...inShape], dtype: 'f4', data: Float64Array.from(split.inputs.subarray(0, n * inSize)) },
    label: `the first ${n} ${split === loaded.validation ? 'validation' : 'training'} examples of ${kind.title}`,
    targets,
  };
}
