import { getDataset, resolveDatasetParams } from '../../core/datasets';
import type { ResourceLoader } from '../../core/datasets/types';
import type { Graph } from '../../core/graph/schema';
import { ProblemError } from '../../core/graph/problem';
import { compileForPrediction, predict, type Prediction } from '../../core/inference/predict';
import { decodeArrayFile, type NpyData } from '../../core/util/npy';
import { deriveSeed } from '../../core/util/rng';
import { initialWeights, encodeWeights } from '../../core/weights';
import { documentWeightsFor } from './document-weights';

/**
 * Predict in the app: the graph in evaluation mode (dropout off, BatchNorm on its running statistics)
 * on a batch of inputs — a loaded `.npy`/`.npz` (batch first, as `netloom predict --input` takes) or
 * the first examples of the dataset's validation split — with the weights said plainly. It is the same
 * `core/inference/predict.ts` the CLI runs, so the numbers are the CLI's.
 */
export interface PredictInput {
  data: NpyData;
  /** Where the rows come from, for the person. */
  label: string;
  /** The dataset's targets for these rows (class index or values), when they come from a dataset. */
  targets?: number[][];
}

export interface ChosenPredictWeights {
  /** A NetLoom weights file; undefined = the graph's seed. */
  bytes?: Uint8Array;
  label: string;
}

export interface PredictOutcome {
  prediction: Prediction;
  weights: string;
  input: string;
  targets?: number[][];
}

/** Rows taken from a dataset: enough to read on screen. */
export const DATASET_ROWS = 16;

/**
 * Rows a loaded file may have: prediction runs on the window's own thread, which must stay responsive;
 * bigger batches are what `netloom predict` is for.
 */
export const MAX_FILE_ROWS = 1024;

export async function inputFromFile(bytes: Uint8Array, fileName: string): Promise<PredictInput> {
  const data = await decodeArrayFile(bytes, fileName);
  const rows = data.shape[0] ?? 0;
  if (rows > MAX_FILE_ROWS) {
    throw new Error(`${fileName} has ${rows} rows; Predict in the app takes up to ${MAX_FILE_ROWS} (use \`netloom predict graph.json --input ${fileName}\` for more)`);
  }
  return { data, label: `${fileName} (${data.shape.join(' × ')})` };
}

/** The first rows of the validation split, as the run would see them (same data seed). */
export async function inputFromDataset(graph: Graph, resources: ResourceLoader, rows = DATASET_ROWS): Promise<PredictInput> {
  const ref = graph.training.dataset;
  const kind = getDataset(ref.name);
  if (!kind || ref.name === 'none') throw new Error('This graph has no dataset: load a .npy file of inputs instead.');
  const resolved = resolveDatasetParams(ref);
  if ('error' in resolved) throw new Error(`${resolved.error.path} ${resolved.error.message}`);
  const loaded = await kind.load(resolved.params, deriveSeed(graph.training.seed, 'data'), resources);
  const split = loaded.validation.count > 0 ? loaded.validation : loaded.train;
  const n = Math.min(rows, split.count);
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

/** Run it. `runWeights` (the selected run's, when it trains this graph) wins over the imported ones. */
export function runPrediction(graph: Graph, input: PredictInput, runWeights?: ChosenPredictWeights | null): PredictOutcome {
  let plan;
  try {
    plan = compileForPrediction(graph);
  } catch (e) {
    if (e instanceof ProblemError) throw new Error(`Fix the graph first: ${e.problems[0]?.message ?? e.message}`);
    throw e;
  }
  const imported = documentWeightsFor(graph, plan);
  const chosen: ChosenPredictWeights = runWeights ?? (imported ? { bytes: imported.bytes, label: imported.label }
    : { label: `the initial weights (seed ${graph.training.seed}): nothing imported or trained fits this graph` });
  const bytes = chosen.bytes ?? encodeWeights(plan, initialWeights(plan, graph.training.seed), {});
  const prediction = predict(plan, graph, input.data, bytes);
  return { prediction, weights: chosen.label, input: input.label, ...(input.targets ? { targets: input.targets } : {}) };
}
