import { z } from 'zod';
import { DiagnosticEvent, EpochEvent, ErrorEvent, NodeStats, StartEvent } from './events';
import { PredictCommand, PredictErrorMessage, PredictionMessage } from './predict';
import { TraceCommand, TraceResult, TraceRowsCommand, TraceRowsResult, traceTransferables, UnitMapCommand, UnitMapResult } from './trace';

/**
 * Messages between an engine host (Electron main, or the renderer in browser mode) and the worker that
 * trains. Commands go in; frames come out at most ~30 times a second, with large arrays as transferable
 * typed arrays. Both directions are validated where they arrive.
 */
export const ENGINE_PROTOCOL_VERSION = 1;

const runId = z.string().min(1).max(100);

export const RunOptions = z.object({
  epochs: z.number().int().min(1).optional(),
  seed: z.number().int().optional(),
  /** Decision grid resolution for 2D data. */
  gridSize: z.number().int().min(0).max(200).optional(),
  /** CSV files the graph refers to, by path as written in the graph (browser mode has no file system). */
  files: z.record(z.string(), z.string()).optional(),
  /** At most this many batches a second (watching a run learn); absent = as fast as possible. */
  stepsPerSecond: z.number().positive().max(1e6).optional(),
  /** A NetLoom weights file (safetensors) to start from instead of the seed's initial weights. */
  weights: z.instanceof(Uint8Array).optional(),
  /** Start paused at step 0 (after loading `weights`, evaluated once so the read-outs show them). */
  startPaused: z.boolean().optional(),
  /** Test hook: throw inside the worker after this many batches. */
  crashAfterBatches: z.number().int().min(0).optional(),
  /** Test hook: spin forever after this many batches (a hung worker). */
  hangAfterBatches: z.number().int().min(0).optional(),
});
export type RunOptions = z.infer<typeof RunOptions>;

const StartCommand = z.object({ type: z.literal('start'), runId, graph: z.unknown(), options: RunOptions.default({}) });
const controlCommands = [
  z.object({ type: z.literal('pause'), runId }),
  z.object({ type: z.literal('resume'), runId }),
  z.object({ type: z.literal('step'), runId, batches: z.number().int().min(1).max(100000).default(1) }),
  z.object({ type: z.literal('stop'), runId }),
  /** The run's current parameters, answered with a `weights` message. */
  z.object({ type: z.literal('weights'), runId }),
  /** Speed limit in batches per second; null = as fast as possible. */
  z.object({ type: z.literal('speed'), runId, stepsPerSecond: z.number().positive().max(1e6).nullable() }),
  z.object({ type: z.literal('reset'), runId }),
  /** Attention weights of one validation example on a SelfAttention node, or feature maps of an image-shaped node. */
  z.object({ type: z.literal('inspect'), runId, nodeId: z.string(), example: z.number().int().min(0) }),
  /** One example through the network at the current weights (core/protocol/trace.ts). */
  TraceCommand,
  /** One node's per-unit output over the 2D input plane. */
  UnitMapCommand,
  /** The first training rows, to pick the traced example from. */
  TraceRowsCommand,
] as const;
/** Commands to a run that exists (everything but start). */
export const ControlCommand = z.discriminatedUnion('type', [...controlCommands]);
export type ControlCommand = z.infer<typeof ControlCommand>;
/** `predict` needs no run: a host may answer it in a worker of its own (core/protocol/predict.ts). */
export const EngineCommand = z.discriminatedUnion('type', [StartCommand, PredictCommand, ...controlCommands]);
export type EngineCommand = z.infer<typeof EngineCommand>;
export const EngineCommandEnvelope = z.object({ protocol: z.literal(ENGINE_PROTOCOL_VERSION), command: EngineCommand });

const f32 = z.instanceof(Float32Array);

export const RunState = z.enum(['starting', 'ready', 'running', 'paused', 'done', 'stopped', 'error']);
export type RunState = z.infer<typeof RunState>;

/** Everything that happened since the previous frame, coalesced. */
export const EngineFrame = z.object({
  type: z.literal('frame'),
  runId,
  state: RunState,
  start: StartEvent.optional(),
  /** Global step and epoch after the last batch in this frame. */
  step: z.number(),
  epoch: z.number(),
  batchInEpoch: z.number(),
  /** Batch losses since the last frame (decimated by `batchStride` when there were many). */
  batchLosses: f32,
  batchStride: z.number().int().min(1),
  firstBatchStep: z.number(),
  epochs: z.array(EpochEvent),
  layerStats: z.array(NodeStats).optional(),
  /**
   * Every layerStats sample since the last frame (not just the latest), as the total L2 gradient norm
   * of each node with parameters: fast runs still get one gradient point per epoch.
   */
  grads: z.object({ steps: z.array(z.number()), byNode: z.record(z.string(), z.array(z.number())) }).optional(),
  decisionGrid: z.object({
    size: z.number(), xRange: z.tuple([z.number(), z.number()]), yRange: z.tuple([z.number(), z.number()]),
    values: f32, kind: z.enum(['probability', 'class', 'value']),
  }).optional(),
  /** Training points for the decision view (2D data): x, y interleaved, and their classes/values. */
  points: z.object({ xy: f32, labels: f32 }).optional(),
  /** Confusion matrix on the validation split, row = true class, column = predicted. */
  confusion: z.object({ classes: z.number(), counts: f32 }).optional(),
  /** Regression: validation targets and predictions (first output), up to a few hundred points. */
  predictions: z.object({ targets: f32, predictions: f32 }).optional(),
  /** Image data: validation examples for a picture grid, misclassified first (see session/image-examples). */
  examples: z.object({
    width: z.number(), height: z.number(), pixels: f32, predicted: f32, actual: f32,
    /** Each picture's validation row (absent from older workers). */
    rows: f32.optional(),
  }).optional(),
  /** When the output is a softmax: its input scores for the first few validation rows, and their classes. */
  scores: z.object({ classes: z.number().int().min(1), labels: f32, values: f32 }).optional(),
  error: ErrorEvent.optional(),
  /** Run-time advice raised since the last frame (each rule and node at most once per run). */
  diagnostics: z.array(DiagnosticEvent).optional(),
  done: z.boolean(),
});
export type EngineFrame = z.infer<typeof EngineFrame>;

export const InspectResult = z.object({
  type: z.literal('inspect'),
  runId,
  nodeId: z.string(),
  example: z.number(),
  heads: z.number(),
  length: z.number(),
  /** heads × T × T attention weights. */
  weights: f32,
});
export type InspectResult = z.infer<typeof InspectResult>;

/** Answer to `inspect` on a convolution-family node: its output for one validation example. */
export const FeatureMapsResult = z.object({
  type: z.literal('featureMaps'),
  runId,
  nodeId: z.string(),
  example: z.number(),
  channels: z.number().int().min(0),
  height: z.number().int().min(1),
  width: z.number().int().min(1),
  /** channels × height × width values, channels first. */
  values: f32,
});
export type FeatureMapsResult = z.infer<typeof FeatureMapsResult>;
/** The answer to `inspect` on a recurrent node: its hidden state over time for one example. */
export const HiddenStateResult = z.object({
  type: z.literal('hiddenState'),
  runId,
  nodeId: z.string(),
  example: z.number(),
  steps: z.number(),
  units: z.number(),
  /** steps × units: row t is the hidden state after step t. */
  values: f32,
});
export type HiddenStateResult = z.infer<typeof HiddenStateResult>;
/** A run's parameters as a NetLoom weights file (safetensors), at the step they were taken. */
export const WeightsMessage = z.object({
  type: z.literal('weights'),
  runId,
  step: z.number(),
  epoch: z.number(),
  bytes: z.instanceof(Uint8Array),
});
export type WeightsMessage = z.infer<typeof WeightsMessage>;

export const EngineMessage = z.discriminatedUnion('type', [
  EngineFrame,
  InspectResult,
  FeatureMapsResult,
  HiddenStateResult,
  TraceResult,
  UnitMapResult,
  TraceRowsResult,
  WeightsMessage,
  PredictionMessage,
  PredictErrorMessage,
  z.object({ type: z.literal('fatal'), runId: z.string().optional(), message: z.string() }),
]);
export type EngineMessage = z.infer<typeof EngineMessage>;
export const EngineMessageEnvelope = z.object({ protocol: z.literal(ENGINE_PROTOCOL_VERSION), message: EngineMessage });

/** Typed arrays in a message, to pass as the transfer list so they move instead of being copied. */
export function transferablesOf(message: EngineMessage): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const add = (a: Float32Array | Uint8Array | undefined) => {
    if (a && a.buffer instanceof ArrayBuffer && !out.includes(a.buffer)) out.push(a.buffer);
  };
  if (message.type === 'frame') {
    add(message.batchLosses);
    add(message.decisionGrid?.values);
    add(message.points?.xy);
    add(message.points?.labels);
    add(message.confusion?.counts);
    add(message.predictions?.targets);
    add(message.predictions?.predictions);
    add(message.examples?.pixels);
    add(message.examples?.predicted);
    add(message.examples?.actual);
    add(message.examples?.rows);
    add(message.scores?.labels);
    add(message.scores?.values);
  } else if (message.type === 'inspect') add(message.weights);
  else if (message.type === 'featureMaps') add(message.values);
  else if (message.type === 'hiddenState') add(message.values);
  else if (message.type === 'trace' || message.type === 'unitMap' || message.type === 'traceRows') for (const a of traceTransferables(message)) add(a);
  else if (message.type === 'prediction') {
    add(message.data);
    add(message.input.data);
  } else if (message.type === 'weights' && message.bytes.byteOffset === 0 && message.bytes.byteLength === message.bytes.buffer.byteLength) {
    add(message.bytes);
  }
  return out;
}
