import type { Graph } from '../../core/graph/schema';
import type { EngineBridge } from '../../core/protocol/host';
import { MAX_PREDICT_ROWS, type PredictCommand, type PredictInputSpec, type PredictWeights } from '../../core/protocol/predict';
import { decodeArrayFile } from '../../core/util/npy';
import { documentWeightsFor } from './document-weights';

/**
 * Predict in the app: the graph in evaluation mode (dropout off, BatchNorm on its running statistics)
 * on a batch of inputs — a loaded `.npy`/`.npz` (batch first, as `netloom predict --input` takes) or
 * the first examples of the dataset's validation split — with the weights said plainly. The numbers are
 * computed behind the engine bridge (a worker runs core/inference/predict, as the CLI does); this file
 * only chooses what to ask for and reads the answer.
 */
export type PredictInput = PredictInputSpec;

export interface ChosenPredictWeights {
  /** A NetLoom weights file. */
  bytes: Uint8Array;
  label: string;
}

export interface PredictOutcome {
  prediction: { shape: number[]; data: Float32Array; node: string };
  weights: string;
  input: string;
  targets?: number[][];
}

/** Rows taken from a dataset: enough to read on screen. */
export const DATASET_ROWS = 16;

/** Rows a loaded file may have (the engine refuses more); bigger batches are what `netloom predict` is for. */
export const MAX_FILE_ROWS = MAX_PREDICT_ROWS;

export async function inputFromFile(bytes: Uint8Array, fileName: string): Promise<PredictInput> {
  const data = await decodeArrayFile(bytes, fileName);
  const rows = data.shape[0] ?? 0;
  if (rows > MAX_FILE_ROWS) {
    throw new Error(`${fileName} has ${rows} rows; Predict in the app takes up to ${MAX_FILE_ROWS} (use \`netloom predict graph.json --input ${fileName}\` for more)`);
  }
  return { from: 'rows', shape: data.shape, dtype: data.dtype, data: Float32Array.from(data.data), label: `${fileName} (${data.shape.join(' × ')})` };
}

/** The first rows of the validation split, as the run would see them; the engine loads them. */
export function inputFromDataset(graph: Graph, rows = DATASET_ROWS): PredictInput {
  if (graph.training.dataset.name === 'none') throw new Error('This graph has no dataset: load a .npy file of inputs instead.');
  return { from: 'dataset', count: rows };
}

let requests = 0;

/**
 * Ask the engine. Weights, in this order: `runWeights` (the selected run's, when it trains this graph),
 * else the imported model's own (while they fit), else the seed's initial ones. Rejects with the
 * engine's message (which names the field or node) when the prediction could not run.
 */
export async function runPrediction(
  engine: EngineBridge, graph: Graph, input: PredictInput, runWeights?: ChosenPredictWeights | null, files: Record<string, string> = {},
): Promise<PredictOutcome> {
  if (!engine.predict) throw new Error('This engine cannot predict.');
  const imported = runWeights ? null : documentWeightsFor(graph);
  const chosen = runWeights ?? imported;
  const weights: PredictWeights = chosen ? { from: 'bytes', bytes: new Uint8Array(chosen.bytes), label: chosen.label } : { from: 'initial' };
  const command: PredictCommand = { type: 'predict', requestId: `predict-${++requests}`, graph, weights, input, files };
  const answer = await engine.predict(command);
  if (answer.type === 'predictError') throw new Error(answer.message);
  const label = answer.weights.from === 'initial' ? `${answer.weights.label}: nothing imported or trained fits this graph` : answer.weights.label;
  return {
    prediction: { shape: answer.shape, data: answer.data, node: answer.node },
    weights: label,
    input: answer.input.label,
    ...(answer.targets ? { targets: answer.targets } : {}),
  };
}
