import { compileGraph, type CompileOptions } from '../compiler/compile';
import type { Plan } from '../compiler/plan';
import { Executor } from '../engine/executor';
import { ProblemError } from '../graph/problem';
import type { Graph } from '../graph/schema';
import type { NpyData } from '../util/npy';
import { formatShape, sizeOf } from '../util/tensor';
import { assignWeights, decodeWeightsFor, initialWeights } from '../weights';

/** A clear message about the input array (wrong shape or dtype); the CLI prints it as is. */
export class PredictInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PredictInputError';
  }
}

export interface Prediction {
  /** [batch, ...per-sample shape of the prediction]. */
  shape: number[];
  data: Float32Array;
  /** The node whose output this is: the one before the Loss, or the graph's single sink. */
  node: string;
}

const INT_DTYPES = new Set(['i1', 'i2', 'i4', 'i8', 'u1', 'u2', 'u4', 'u8', 'b1']);
/** Rows per forward pass: big batches are split so memory stays bounded. */
const CHUNK = 256;

/**
 * Bytes of batch-sized buffers (values and gradients) a chunk may take: a classifier on 224×224 images
 * holds tens of MB per example, and one WebAssembly memory holds at most 4 GiB, so big models predict
 * in smaller chunks.
 */
const CHUNK_BYTES = 1 << 30;

/** Compile for prediction; throws ProblemError listing the graph's problems. */
export function compileForPrediction(graph: Graph, options: CompileOptions = {}): Plan {
  const compiled = compileGraph(graph, { ...options, batchSize: CHUNK });
  if (!compiled.ok) throw new ProblemError(compiled.problems);
  const perExample = compiled.plan.tensors.reduce((sum, t) => sum + sizeOf(t.shape), 0) * 2 * 4;
  const rows = Math.max(1, Math.min(CHUNK, Math.floor(CHUNK_BYTES / perExample)));
  if (rows === CHUNK) return compiled.plan;
  const smaller = compileGraph(graph, { ...options, batchSize: rows });
  if (!smaller.ok) throw new ProblemError(smaller.problems);
  return smaller.plan;
}

/**
 * Run the graph in evaluation mode (dropout off) on a batch whose first axis is the batch. `weights`
 * is a NetLoom weights file; without it the graph's seed gives the initial weights. Integer arrays
 * are accepted (token ids), as are float arrays; the per-sample shape must be the Input's.
 */
export function predict(plan: Plan, graph: Graph, input: NpyData, weights?: Uint8Array): Prediction {
  const inShape = plan.tensors[plan.inputTensor]!.shape;
  if (!input.dtype.startsWith('f') && !INT_DTYPES.has(input.dtype)) {
    throw new PredictInputError(`input dtype ${input.dtype} is not supported; use float32 (or int32/int64 token ids)`);
  }
  const [n, ...rest] = input.shape;
  if (n === undefined || rest.length !== inShape.length || rest.some((d, i) => d !== inShape[i])) {
    throw new PredictInputError(
      `input has shape (${input.shape.join(', ')}); the graph's Input takes ${formatShape(inShape)}, i.e. (N, ${inShape.join(', ')}) with the batch first`,
    );
  }
  const exec = new Executor(plan);
  assignWeights(exec.params, weights ? decodeWeightsFor(plan, weights) : initialWeights(plan, graph.training.seed));
  const inSize = sizeOf(inShape);
  const outShape = plan.tensors[plan.predictionTensor]!.shape;
  const outSize = sizeOf(outShape);
  const out = new Float32Array(n * outSize);
  for (let start = 0; start < n; start += plan.batchSize) {
    const rows = Math.min(plan.batchSize, n - start);
    exec.input.set(input.data.subarray(start * inSize, (start + rows) * inSize));
    exec.forward(rows, false);
    out.set(exec.prediction.subarray(0, rows * outSize), start * outSize);
  }
  return { shape: [n, ...outShape], data: out, node: plan.tensors[plan.predictionTensor]!.node };
}
