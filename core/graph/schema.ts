import { z } from 'zod';

/** The one format this build writes. Files with a newer version are refused, older ones migrated. */
export const GRAPH_FORMAT = 'netloom-graph';
export const GRAPH_VERSION = 1;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const PositionSchema = z.object({ x: finite, y: finite }).strict();

/** Node params are checked against the catalog, not here: the schema only says they are a JSON object. */
export const GraphNodeSchema = z
  .object({
    id: z.string().min(1, 'must be a non-empty string'),
    type: z.string().min(1, 'must be a non-empty string'),
    params: z.record(z.string(), z.unknown()).default({}),
    position: PositionSchema.optional(),
    label: z.string().optional(),
  })
  .catchall(z.unknown());

export const GraphEdgeSchema = z
  .object({
    id: z.string().min(1, 'must be a non-empty string'),
    source: z.string().min(1, 'must be a non-empty string'),
    target: z.string().min(1, 'must be a non-empty string'),
    sourceHandle: z.string().optional(),
    targetHandle: z.string().optional(),
  })
  .catchall(z.unknown());

/** Dataset params depend on the dataset and are checked against the dataset catalog. */
export const DatasetRefSchema = z.object({ name: z.string().min(1) }).catchall(z.unknown());

export const OptimizerSchema = z
  .object({
    type: z.enum(['sgd', 'rmsprop', 'adam', 'adamw']),
    lr: finite.positive('must be > 0'),
    momentum: finite.min(0).max(1).optional(),
    nesterov: z.boolean().optional(),
    rho: finite.min(0).max(1).optional(),
    beta1: finite.min(0).lt(1).optional(),
    beta2: finite.min(0).lt(1).optional(),
    eps: finite.positive().optional(),
    weightDecay: finite.min(0).optional(),
  })
  .strict();

/**
 * How the learning rate changes over the run (core/engine/lr-schedule.ts has the formulas). Absent means
 * constant, so every file written before schedules existed trains exactly as before (no migration).
 */
export const LrScheduleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('constant') }).strict(),
  z
    .object({
      type: z.literal('step'),
      /** Multiply the rate by gamma after every this many epochs. */
      everyEpochs: z.number().int().min(1),
      gamma: finite.positive('must be > 0').max(1, 'must be at most 1 (a step schedule only lowers the rate)'),
    })
    .strict(),
  z
    .object({
      type: z.literal('cosine'),
      /** Linear warm-up over this many epochs (fractions allowed) before the cosine decay. */
      warmupEpochs: finite.min(0).optional(),
      /** The rate the decay ends at, after the last step (PyTorch's eta_min); 0 when absent. */
      minLr: finite.min(0).optional(),
    })
    .strict(),
]);

export const TrainingSchema = z
  .object({
    dataset: DatasetRefSchema,
    optimizer: OptimizerSchema,
    /** Learning-rate schedule over the run; constant when absent. */
    schedule: LrScheduleSchema.optional(),
    batchSize: z.number().int().min(1).max(65536),
    epochs: z.number().int().min(1).max(1_000_000),
    seed: z.number().int(),
    l1: finite.min(0).optional(),
    l2: finite.min(0).optional(),
    /** Clip the global gradient norm to this value. */
    clipNorm: finite.positive().optional(),
    /** Clip each gradient component to [-clipValue, clipValue]. */
    clipValue: finite.positive().optional(),
    shuffle: z.boolean().optional(),
    /** false: always train on one worker; absent/true: two workers where it pays (docs/perf.md). */
    dataParallel: z.boolean().optional(),
  })
  .strict();

export type GraphNode = z.infer<typeof GraphNodeSchema>;
export type GraphEdge = z.infer<typeof GraphEdgeSchema>;
export type DatasetRef = z.infer<typeof DatasetRefSchema>;
export type OptimizerConfig = z.infer<typeof OptimizerSchema>;
export type LrSchedule = z.infer<typeof LrScheduleSchema>;
export type TrainingConfig = z.infer<typeof TrainingSchema>;

export interface Graph {
  format: typeof GRAPH_FORMAT;
  version: typeof GRAPH_VERSION;
  name: string;
  description?: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  training: TrainingConfig;
  /** Extension fields (`x-…`), kept verbatim on round trip. */
  [extension: `x-${string}`]: unknown;
}

export const DEFAULT_TRAINING: TrainingConfig = {
  dataset: { name: 'xor', samples: 400, noise: 0.1, validationSplit: 0.2 },
  optimizer: { type: 'sgd', lr: 0.1 },
  batchSize: 10,
  epochs: 100,
  seed: 1,
};

/** Known top-level keys; anything else must start with `x-`. */
export const TOP_LEVEL_KEYS = ['format', 'version', 'name', 'description', 'nodes', 'edges', 'training'] as const;
