import { z } from 'zod';
import { DiagnosticEvent } from './advice';

/**
 * Events a training session emits. They cross process boundaries (worker → main → renderer, CLI →
 * stdout), so each is a zod-validated member of one discriminated union, and the stream opens with a
 * `start` event carrying the protocol version.
 */
export const PROTOCOL_VERSION = 1;

const metrics = z.object({ loss: z.number(), accuracy: z.number().optional(), mre: z.number().optional() });
export type Metrics = z.infer<typeof metrics>;

export const StartEvent = z.object({
  type: z.literal('start'),
  protocol: z.literal(PROTOCOL_VERSION),
  name: z.string(),
  seed: z.number(),
  epochs: z.number(),
  batchesPerEpoch: z.number(),
  trainSamples: z.number(),
  validationSamples: z.number(),
  parameters: z.number(),
  /** Workers training each batch: 2 when the run is data-parallel (absent in older logs: 1). */
  workers: z.number().int().min(1).optional(),
});

export const BatchEvent = z.object({
  type: z.literal('batch'),
  epoch: z.number(),
  batch: z.number(),
  step: z.number(),
  loss: z.number(),
});

export const EpochEvent = z.object({
  type: z.literal('epoch'),
  epoch: z.number(),
  train: metrics,
  validation: metrics,
  extrapolation: metrics.optional(),
});

export const NodeStats = z.object({
  id: z.string(),
  mean: z.number(),
  std: z.number(),
  histogram: z.object({ min: z.number(), max: z.number(), counts: z.array(z.number()) }),
  deadFraction: z.number().optional(),
  saturatedFraction: z.number().optional(),
  /** L2 norm of each of the node's parameter gradients, by parameter name. */
  gradNorms: z.record(z.string(), z.number()),
  /** Mean, min and max of each of the node's parameter tensors, by name (e.g. a PReLU's alpha). */
  params: z.record(z.string(), z.object({ mean: z.number(), min: z.number(), max: z.number() })).optional(),
});
export type NodeStats = z.infer<typeof NodeStats>;

export const LayerStatsEvent = z.object({
  type: z.literal('layerStats'),
  epoch: z.number(),
  step: z.number(),
  nodes: z.array(NodeStats),
});

export const DecisionGridEvent = z.object({
  type: z.literal('decisionGrid'),
  epoch: z.number(),
  size: z.number(),
  xRange: z.tuple([z.number(), z.number()]),
  yRange: z.tuple([z.number(), z.number()]),
  /** size×size values, row-major from the bottom-left: probability of class 1, the class index, or the value. */
  values: z.array(z.number()),
  kind: z.enum(['probability', 'class', 'value']),
});

export const DoneEvent = z.object({
  type: z.literal('done'),
  epoch: z.number(),
  train: metrics,
  validation: metrics,
  extrapolation: metrics.optional(),
});

export const ErrorEvent = z.object({
  type: z.literal('error'),
  code: z.enum(['invalid-graph', 'dataset', 'divergence', 'internal', 'stopped']),
  message: z.string(),
  nodeId: z.string().optional(),
  suggestion: z.string().optional(),
  problems: z.array(z.string()).optional(),
});

export { DiagnosticEvent };

export const SessionEvent = z.discriminatedUnion('type', [
  StartEvent, BatchEvent, EpochEvent, LayerStatsEvent, DecisionGridEvent, DoneEvent, ErrorEvent,
  /** Run-time advice (dead units, vanishing gradients, divergence…); see docs/advisor.md. */
  DiagnosticEvent,
]);
export type SessionEvent = z.infer<typeof SessionEvent>;
export type EventOf<T extends SessionEvent['type']> = Extract<SessionEvent, { type: T }>;
