import { z } from 'zod';
import { EpochEvent, ErrorEvent, NodeStats, StartEvent } from './events';

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
  z.object({ type: z.literal('reset'), runId }),
  /** Attention weights of one validation example on a SelfAttention node. */
  z.object({ type: z.literal('inspect'), runId, nodeId: z.string(), example: z.number().int().min(0) }),
] as const;
/** Commands to a run that exists (everything but start). */
export const ControlCommand = z.discriminatedUnion('type', [...controlCommands]);
export type ControlCommand = z.infer<typeof ControlCommand>;
export const EngineCommand = z.discriminatedUnion('type', [StartCommand, ...controlCommands]);
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
  /** When the output is a softmax: its input scores for the first few validation rows, and their classes. */
  scores: z.object({ classes: z.number().int().min(1), labels: f32, values: f32 }).optional(),
  error: ErrorEvent.optional(),
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

export const EngineMessage = z.discriminatedUnion('type', [
  EngineFrame,
  InspectResult,
  z.object({ type: z.literal('fatal'), runId: z.string().optional(), message: z.string() }),
]);
export type EngineMessage = z.infer<typeof EngineMessage>;
export const EngineMessageEnvelope = z.object({ protocol: z.literal(ENGINE_PROTOCOL_VERSION), message: EngineMessage });

/** Typed arrays in a message, to pass as the transfer list so they move instead of being copied. */
export function transferablesOf(message: EngineMessage): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const add = (a: Float32Array | undefined) => {
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
    add(message.scores?.labels);
    add(message.scores?.values);
  } else if (message.type === 'inspect') add(message.weights);
  return out;
}
