import { z } from 'zod';

/**
 * The `predict` engine command and its answer: one batch through a graph in evaluation mode, in the
 * engine's worker (never on the window's thread). Kept apart from engine.ts, which includes both.
 */

/** Rows one predict command may carry or ask for; bigger batches are what `netloom predict` is for. */
export const MAX_PREDICT_ROWS = 4096;
/** Input values one command may carry (16 M float32 = 64 MB): a bound on what crosses a process boundary. */
export const MAX_PREDICT_VALUES = 16 * 1024 * 1024;

const requestId = z.string().min(1).max(100);

/** Which weights to predict with. */
export const PredictWeights = z.discriminatedUnion('from', [
  /** A NetLoom weights file (safetensors), e.g. an imported model's own. */
  z.object({ from: z.literal('bytes'), bytes: z.instanceof(Uint8Array), label: z.string().max(500) }),
  /** The current weights of a run that trains in this worker (the command is sent to that run's worker). */
  z.object({ from: z.literal('run'), runId: z.string().min(1).max(100), label: z.string().max(500) }),
  /** The graph's seed's initial weights. */
  z.object({ from: z.literal('initial') }),
]);
export type PredictWeights = z.infer<typeof PredictWeights>;

/** What to predict on. */
export const PredictInputSpec = z.discriminatedUnion('from', [
  /** A batch, first axis = batch; `dtype` is the file's (NumPy's, e.g. `f4`, `i8`), the values come as float32. */
  z.object({
    from: z.literal('rows'),
    shape: z.array(z.number().int().min(0)).min(1).max(8),
    dtype: z.string().min(1).max(8),
    data: z.instanceof(Float32Array),
    label: z.string().max(500),
  }),
  /** The first `count` validation examples of the graph's dataset (training ones when it has no validation split). */
  z.object({ from: z.literal('dataset'), count: z.number().int().min(1).max(MAX_PREDICT_ROWS) }),
]);
export type PredictInputSpec = z.infer<typeof PredictInputSpec>;

export const PredictCommand = z.object({
  type: z.literal('predict'),
  requestId,
  graph: z.unknown(),
  weights: PredictWeights,
  input: PredictInputSpec,
  /** CSV files the graph refers to, by path as written in the graph (browser mode has no file system). */
  files: z.record(z.string(), z.string()).optional(),
});
export type PredictCommand = z.infer<typeof PredictCommand>;

const f32 = z.instanceof(Float32Array);

/** The answer: the outputs, the inputs they came from, and which weights made them. */
export const PredictionMessage = z.object({
  type: z.literal('prediction'),
  requestId,
  /** [batch, ...per-sample shape]. */
  shape: z.array(z.number().int().min(0)),
  data: f32,
  /** The node whose output this is: the one before the Loss, or the graph's single sink. */
  node: z.string(),
  input: z.object({ shape: z.array(z.number().int().min(0)), data: f32, label: z.string() }),
  /** The dataset's targets for these rows (one array per row), when they come from a dataset. */
  targets: z.array(z.array(z.number())).optional(),
  weights: z.object({ from: z.enum(['bytes', 'run', 'initial']), label: z.string() }),
});
export type PredictionMessage = z.infer<typeof PredictionMessage>;

/** A predict command that could not run; `field` names what was wrong (`input.shape`, `graph`, a node id…). */
export const PredictErrorMessage = z.object({
  type: z.literal('predictError'),
  requestId,
  field: z.string(),
  message: z.string(),
});
export type PredictErrorMessage = z.infer<typeof PredictErrorMessage>;

export type PredictAnswer = PredictionMessage | PredictErrorMessage;
