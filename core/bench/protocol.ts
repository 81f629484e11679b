import { compileGraph } from '../compiler/compile';
import type { Plan } from '../compiler/plan';
import type { HelperSpawner } from '../engine/data-parallel';
import { initParam } from '../engine/init';
import { Trainer } from '../engine/trainer';
import { mulberry32 } from '../util/rng';
import { buildWorkload, WEIGHT_SEED, type Workload, type WorkloadName } from './workloads';

/**
 * The measuring protocol of docs/perf.md, per figure: fresh model, 100 steps (keep the minibatch loss of
 * step 100), warm up, count steps in a window, repeat, report the median. Pure core: the clock is
 * `performance.now()`, which exists in Node, worker threads and Web Workers alike.
 */
export interface ProtocolOptions {
  warmupMs: number;
  windowMs: number;
  repeats: number;
}

export const FULL_PROTOCOL: ProtocolOptions = { warmupMs: 1000, windowMs: 3000, repeats: 3 };
/** For tests: same code path, windows short enough for CI. */
export const QUICK_PROTOCOL: ProtocolOptions = { warmupMs: 20, windowMs: 60, repeats: 1 };

export interface WorkloadResult {
  workload: WorkloadName;
  title: string;
  unit: Workload['unit'];
  /** Median over the repeats. */
  figure: number;
  repeats: number[];
  loss100: number;
  referenceLoss100: number | null;
  compileMs: number;
  /** Which kernels ran: the SIMD wasm ones over an arena, or the TS reference. */
  backend: 'wasm' | 'js';
  /** Which wasm build ran: 'fma' (relaxed SIMD) or 'simd'; null on the TS kernels. */
  kernels: 'fma' | 'simd' | null;
  /** Workers that trained each batch (2: data-parallel). */
  workers: number;
}

export function compileWorkload(w: Workload): Plan {
  const r = compileGraph(w.graph, { datasetInfo: w.datasetInfo });
  if (!r.ok) throw new Error(`workload ${w.name} does not compile: ${r.problems.map((p) => p.message).join('; ')}`);
  return r.plan;
}

/**
 * A fresh trainer with the protocol's weights (not the graph seed's): the weight tensors (those that take
 * weight decay) drawn from one mulberry32(1234) stream in plan order, every bias zero without drawing.
 * The LSTM's biases would otherwise draw randoms (PyTorch's default) and shift every later layer's weights.
 */
export function freshTrainer(w: Workload, plan: Plan): Trainer {
  const t = new Trainer(plan, w.data, w.graph.training);
  const rng = mulberry32(WEIGHT_SEED);
  plan.params.forEach((p, i) => {
    const buf = t.exec.params[i]!;
    if (p.decay) initParam(buf, p, rng);
    else buf.fill(0);
  });
  return t;
}

/** One training step over the batches in order, cycled. */
function step(t: Trainer): number {
  const loss = t.trainBatch();
  t.endOfEpoch();
  return loss;
}

/** Loss of step 100 (its forward pass), from a fresh model. */
export function lossAtStep(w: Workload, plan: Plan, steps = 100, trainer = freshTrainer(w, plan)): { trainer: Trainer; loss: number } {
  let loss = NaN;
  for (let i = 0; i < steps; i++) loss = step(trainer);
  return { trainer, loss };
}

/** Steps per second over at least `ms` milliseconds; the clock is read every few steps to stay out of the way. */
function stepsPerSecond(t: Trainer, ms: number): number {
  const t0 = performance.now();
  let steps = 0;
  let elapsed = 0;
  do {
    for (let i = 0; i < 8; i++) step(t);
    steps += 8;
    elapsed = performance.now() - t0;
  } while (elapsed < ms);
  return (steps / elapsed) * 1000;
}

/**
 * With `parallel`, every fresh trainer trains data-parallel over a helper from `spawn` wherever the plan's
 * rows are independent (forced, not the automatic choice: the bench measures what 2 workers give).
 */
export async function runWorkload(name: WorkloadName, o: ProtocolOptions = FULL_PROTOCOL, parallel?: HelperSpawner): Promise<WorkloadResult> {
  const w = buildWorkload(name);
  const c0 = performance.now();
  const plan = compileWorkload(w);
  const compileMs = performance.now() - c0;
  const repeats: number[] = [];
  let loss100 = NaN;
  let backend: 'wasm' | 'js' = 'js';
  let kernels: WorkloadResult['kernels'] = null;
  let workers = 1;
  for (let r = 0; r < o.repeats; r++) {
    const fresh = freshTrainer(w, plan);
    if (parallel) workers = await fresh.startDataParallel(parallel, true);
    const { trainer, loss } = lossAtStep(w, plan, 100, fresh);
    if (r === 0) loss100 = loss;
    backend = trainer.exec.backend;
    kernels = trainer.exec.kernelFlavor;
    stepsPerSecond(trainer, o.warmupMs);
    const perStep = w.unit === 'samples/s' ? plan.batchSize : 1;
    repeats.push(stepsPerSecond(trainer, o.windowMs) * perStep);
  }
  const sorted = [...repeats].sort((a, b) => a - b);
  return {
    workload: name, title: w.title, unit: w.unit, figure: sorted[Math.floor(sorted.length / 2)]!, repeats,
    loss100, referenceLoss100: w.referenceLoss100, compileMs, backend, kernels, workers,
  };
}
