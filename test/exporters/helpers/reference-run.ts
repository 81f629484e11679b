import { compileGraph } from '../../../core/compiler/compile';
import type { Plan } from '../../../core/compiler/plan';
import { getDataset, resolveDatasetParams } from '../../../core/datasets';
import type { DataSplit, LoadedDataset } from '../../../core/datasets/types';
import { fillBatch } from '../../../core/engine/batch';
import { Trainer } from '../../../core/engine/trainer';
import type { Graph, OptimizerConfig } from '../../../core/graph/schema';
import { deriveSeed } from '../../../core/util/rng';
import { encodeWeights } from '../../../core/weights';
import { createNodeResources } from '../../../cli/resources';

export const STEPS = 20;

/** Load a graph's dataset exactly as a training session does. */
export async function loadData(graph: Graph): Promise<LoadedDataset> {
  const resolved = resolveDatasetParams(graph.training.dataset);
  if ('error' in resolved) throw new Error(resolved.error.message);
  return getDataset(graph.training.dataset.name)!.load(resolved.params, deriveSeed(graph.training.seed, 'data'), createNodeResources(process.cwd()));
}

export function compileOrThrow(graph: Graph, data: LoadedDataset): Plan {
  const r = compileGraph(graph, { datasetInfo: data.info });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.plan;
}

/** Raw rows `[start, start + n)` of a split, as the data file stores them. */
function rawRows(plan: Plan, split: DataSplit, start: number, n: number): { x: Float32Array; y: Float32Array } {
  const inSize = plan.tensors[plan.inputTensor]!.size;
  const t = plan.dataset.target;
  const ySize = t.kind === 'regression' ? t.size : 1;
  return {
    x: split.inputs.slice(start * inSize, (start + n) * inSize),
    y: split.targets.slice(start * ySize, (start + n) * ySize),
  };
}

export interface ReferenceRun {
  /** Initial weights, as a NetLoom weights file. */
  weights: Uint8Array;
  /** The rows of every step, concatenated, and how many rows each step took. */
  x: Float32Array;
  y: Float32Array;
  batchSizes: number[];
  /** Eval-mode predictions on the first batch, from the initial weights. */
  forward: Float32Array;
  /** Loss of each training step (before its update), then the eval-mode loss on batch 0 after the last step. */
  losses: number[];
  finalLoss: number;
}

/**
 * Train the graph with this optimizer for STEPS batches in file order (no shuffle), recording what the
 * exported code must reproduce. The batches are exactly the trainer's: rows 0..B-1, B..2B-1, … of the
 * train split, wrapping at the end of an epoch.
 */
export function referenceRun(graph: Graph, data: LoadedDataset, optimizer: OptimizerConfig): ReferenceRun {
  const config = { ...graph.training, optimizer, shuffle: false };
  const plan = compileOrThrow({ ...graph, training: config }, data);
  const trainer = new Trainer(plan, data, config);
  const exec = trainer.exec;
  const weights = encodeWeights(plan, exec.params);
  const B = plan.batchSize;
  const firstN = Math.min(B, data.train.count);
  fillBatch(plan, data.train, null, 0, firstN, exec.input, exec.target);
  exec.forward(firstN, false);
  const forward = Float32Array.from(exec.prediction.subarray(0, firstN * plan.tensors[plan.predictionTensor]!.size));
  const xs: Float32Array[] = [];
  const ys: Float32Array[] = [];
  const batchSizes: number[] = [];
  const losses: number[] = [];
  for (let step = 0; step < STEPS; step++) {
    const start = trainer.batchInEpoch * B;
    const n = Math.min(B, data.train.count - start);
    const rows = rawRows(plan, data.train, start, n);
    xs.push(rows.x);
    ys.push(rows.y);
    batchSizes.push(n);
    losses.push(trainer.trainBatch());
    trainer.endOfEpoch();
  }
  fillBatch(plan, data.train, null, 0, firstN, exec.input, exec.target);
  exec.forward(firstN, false);
  return { weights, x: concat(xs), y: concat(ys), batchSizes, forward, losses, finalLoss: exec.loss };
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
