import { z } from 'zod';

/**
 * Step-through messages: a paused (or any) run answers `trace` with one example's values and
 * gradients at its current weights, and `unitMap` with one node's per-unit output over the 2D input
 * plane. Arrays are Float32Arrays (moved, not copied); a non-finite loss is sent as null.
 */
const runId = z.string().min(1).max(100);
const f32 = z.instanceof(Float32Array);
const shape = z.array(z.number().int().min(0));

export const TraceCommand = z.object({
  type: z.literal('trace'), runId,
  /** Row of the split, as in the exported data file. */
  example: z.number().int().min(0),
  split: z.enum(['train', 'validation']).default('train'),
});

export const UnitMapCommand = z.object({
  type: z.literal('unitMap'), runId, nodeId: z.string().min(1),
  /** Grid cells per side. */
  size: z.number().int().min(2).max(64).default(24),
});

/** The first rows of the training split, for picking the traced example (images, sequences). */
export const TraceRowsCommand = z.object({
  type: z.literal('traceRows'), runId,
  count: z.number().int().min(1).max(64).default(24),
});

export const TraceRowsResult = z.object({
  type: z.literal('traceRows'), runId,
  count: z.number().int().min(0),
  /** Per-sample input shape. */
  shape,
  /** count × size inputs, row-major: row k is training row k. */
  inputs: f32,
  /** The first target value of each row (the class for classification). */
  labels: f32,
});
export type TraceRowsResult = z.infer<typeof TraceRowsResult>;

export const TraceResult = z.object({
  type: z.literal('trace'), runId,
  example: z.number(),
  split: z.enum(['train', 'validation']),
  /** Global step of the weights the trace was taken at. */
  step: z.number(),
  loss: z.number().nullable(),
  input: f32,
  target: f32,
  nodes: z.array(z.object({
    id: z.string(),
    type: z.string(),
    shape,
    output: f32,
    gradOutput: f32.nullable(),
    params: z.record(z.string(), z.object({ shape, value: f32, grad: f32 })),
  })),
});
export type TraceResult = z.infer<typeof TraceResult>;

export const UnitMapResult = z.object({
  type: z.literal('unitMap'), runId, nodeId: z.string(),
  size: z.number(),
  xRange: z.tuple([z.number(), z.number()]),
  yRange: z.tuple([z.number(), z.number()]),
  units: z.number(),
  /** units × size × size, unit-major, rows from the bottom. */
  values: f32,
});
export type UnitMapResult = z.infer<typeof UnitMapResult>;

export function traceTransferables(m: TraceResult | UnitMapResult | TraceRowsResult): Float32Array[] {
  if (m.type === 'unitMap') return [m.values];
  if (m.type === 'traceRows') return [m.inputs, m.labels];
  const out = [m.input, m.target];
  for (const n of m.nodes) {
    out.push(n.output);
    if (n.gradOutput) out.push(n.gradOutput);
    for (const p of Object.values(n.params)) out.push(p.value, p.grad);
  }
  return out;
}
