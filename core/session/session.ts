import { compileGraph } from '../compiler/compile';
import { KernelInputError } from '../catalog/kernel-input-error';
import { NO_DATASET } from '../graph/inference';
import type { Plan } from '../compiler/plan';
import { getDataset, resolveDatasetParams } from '../datasets';
import type { LoadedDataset, ResourceLoader } from '../datasets/types';
import type { HelperSpawner } from '../engine/data-parallel';
import { DivergenceError, Trainer, type SplitMetrics } from '../engine/trainer';
import { formatProblem, ProblemError } from '../graph/problem';
import type { Graph } from '../graph/schema';
import { PROTOCOL_VERSION, type EventOf, type SessionEvent } from '../protocol/events';
import { deriveSeed } from '../util/rng';
import { RunMonitor } from '../advisor/run-time/monitor';
import { decisionGrid } from './decision-grid';
import { layerStats } from './layer-stats';

export type SessionState = 'ready' | 'running' | 'paused' | 'done' | 'stopped' | 'error';

export interface SessionOptions {
  resources: ResourceLoader;
  /** How the run loop yields between slices; setTimeout(0) by default (works in workers and the CLI). */
  schedule?: (fn: () => void) => void;
  /** Milliseconds of training per slice before yielding to messages (pause, stop). */
  sliceMs?: number;
  now?: () => number;
  /** Emit a `batch` event for every batch (true) or only epoch-level events. */
  batchEvents?: boolean;
  /** Emit layerStats every this many epochs (0 = never). */
  statsEvery?: number;
  /**
   * Also emit layerStats inside the epochs of a run of few long epochs (see statsStrideFor), so its
   * gradient chart and node previews have more than one sample an epoch. Off by default (the CLI's
   * event stream stays one stats event per epoch); the app's worker turns it on.
   */
  statsWithinEpoch?: boolean;
  /** Decision grid resolution for 2D data (0 = never). */
  gridSize?: number;
  /** Override the epoch count from the graph. */
  epochs?: number;
  /** At most this many batches a second (for watching a run learn); unset = as fast as possible. */
  stepsPerSecond?: number;
  seed?: number;
  /**
   * Starts a data-parallel helper worker (the host's); with it the run trains on two workers where that
   * pays and the graph allows it (training.dataParallel), decided once before the first batch.
   */
  parallel?: HelperSpawner;
  /** Emit run-time advice (`diagnostic` events: dead units, vanishing gradients…); on by default. */
  diagnostics?: boolean;
}

export interface Evaluation {
  train: SplitMetrics;
  validation: SplitMetrics;
  extrapolation?: SplitMetrics;
}

/**
 * One training run: the graph compiled, its data loaded, and a trainer driven in slices so that
 * commands (pause, step, stop) are handled between batches. The CLI, the worker host and the Web
 * Worker all drive this same class.
 */
export class TrainingSession {
  state: SessionState = 'ready';
  private listeners = new Set<(e: SessionEvent) => void>();
  private readonly epochs: number;
  private finished: ((s: SessionState) => void)[] = [];
  private readonly monitor: RunMonitor;
  private stepsPerSecond: number | null;
  /** Batches owed to a throttled run (fractional), and when it was last topped up. */
  private credit = 0;
  private lastTick = 0;
  private throttleTimer: ReturnType<typeof setTimeout> | null = null;
  private chain = 0;

  private constructor(
    readonly plan: Plan, readonly data: LoadedDataset, readonly trainer: Trainer,
    private readonly graph: Graph, private readonly options: SessionOptions,
  ) {
    this.epochs = options.epochs ?? graph.training.epochs;
    this.stepsPerSecond = options.stepsPerSecond ?? null;
    this.monitor = new RunMonitor(plan, graph.training);
    if (options.statsWithinEpoch && (options.statsEvery ?? 1) === 1) trainer.statsStride = statsStrideFor(trainer.batchesPerEpoch, this.epochs);
  }

  /** Change the speed limit (null = as fast as possible); takes effect at the next slice. */
  setSpeed(stepsPerSecond: number | null): void {
    this.stepsPerSecond = stepsPerSecond !== null && stepsPerSecond > 0 ? stepsPerSecond : null;
    this.credit = 1;
    this.lastTick = (this.options.now ?? Date.now)();
    // A throttled run may be waiting a long while for its next batch: start the new pace now.
    if (this.throttleTimer !== null) {
      clearTimeout(this.throttleTimer);
      this.throttleTimer = null;
      if (this.state === 'running') {
        this.chain++;
        this.scheduleSlice();
      }
    }
  }

  /** Compile and load. Throws ProblemError (invalid graph) or Error (dataset) with a clear message. */
  static async create(graph: Graph, options: SessionOptions): Promise<TrainingSession> {
    const seed = options.seed ?? graph.training.seed;
    // An epochs override (netloom train --epochs) is the run's length, which training.schedule spans.
    const training = { ...graph.training, seed, ...(options.epochs !== undefined ? { epochs: options.epochs } : {}) };
    if (training.dataset.name === NO_DATASET) {
      throw new ProblemError([{ path: 'training.dataset.name', code: 'no-dataset', severity: 'error', message: 'the graph has no dataset; choose one in the training settings to train it' }]);
    }
    const resolved = resolveDatasetParams(training.dataset);
    if ('error' in resolved) throw new ProblemError([{ path: resolved.error.path, code: 'dataset', severity: 'error', message: resolved.error.message }]);
    const data = await getDataset(training.dataset.name)!.load(resolved.params, deriveSeed(seed, 'data'), options.resources);
    const compiled = compileGraph(graph, { datasetInfo: data.info });
    if (!compiled.ok) throw new ProblemError(compiled.problems);
    if (compiled.plan.lossTensor < 0) {
      throw new ProblemError([{ path: 'nodes', code: 'no-loss', severity: 'error', message: 'the graph has no Loss node; add one after the output so training knows what to minimise' }]);
    }
    const trainer = new Trainer(compiled.plan, data, training);
    if (options.parallel) await trainer.startDataParallel(options.parallel);
    return new TrainingSession(compiled.plan, data, trainer, { ...graph, training }, options);
  }

  on(listener: (e: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: SessionEvent): void {
    for (const l of this.listeners) l(e);
  }

  /** The opening event: protocol version and the size of the run. */
  startEvent(): EventOf<'start'> {
    return {
      type: 'start', protocol: PROTOCOL_VERSION, name: this.graph.name, seed: this.graph.training.seed,
      epochs: this.epochs, batchesPerEpoch: this.trainer.batchesPerEpoch, trainSamples: this.data.train.count,
      validationSamples: this.data.validation.count, parameters: this.plan.params.reduce((s, p) => s + p.size, 0),
      workers: this.trainer.workers,
    };
  }

  /** Run until the last epoch (or pause/stop). Resolves with the final state. */
  start(): Promise<SessionState> {
    if (this.state === 'ready') this.emit(this.startEvent());
    if (this.state === 'ready' || this.state === 'paused') {
      this.state = 'running';
      this.chain++;
      this.credit = 1;
      this.lastTick = (this.options.now ?? Date.now)();
      this.scheduleSlice();
    }
    return this.whenSettled();
  }

  resume(): Promise<SessionState> {
    return this.start();
  }

  pause(): void {
    if (this.state === 'running') this.state = 'paused';
    this.settle();
  }

  stop(): void {
    if (this.state === 'done' || this.state === 'error') return;
    this.state = 'stopped';
    this.settle();
  }

  /** Train exactly n batches now (paused or ready runs only). Returns the last batch loss. */
  step(n = 1): number {
    if (this.state === 'running' || this.state === 'done' || this.state === 'stopped' || this.state === 'error') return NaN;
    if (this.state === 'ready') this.emit(this.startEvent());
    this.state = 'paused';
    let loss = NaN;
    for (let i = 0; i < n && this.state === 'paused'; i++) loss = this.trainOne();
    return loss;
  }

  /** Back to epoch 0 with the same initial weights (same seed); the run is ready to start again. */
  reset(): void {
    this.trainer.reset();
    this.monitor.reset();
    this.state = 'ready';
    this.settle();
  }

  evaluate(): Evaluation {
    const t = this.trainer;
    const extra = this.data.extra?.extrapolation;
    return {
      train: t.evaluate(this.data.train),
      validation: t.evaluate(this.data.validation),
      ...(extra ? { extrapolation: t.evaluate(extra) } : {}),
    };
  }

  /**
   * Announce how the current weights do (after loading a weights file): an `epoch` event for the
   * epoch the trainer is at, and the decision grid, as at the end of an epoch.
   */
  announceEvaluation(): void {
    const t = this.trainer;
    this.emit({ type: 'epoch', epoch: t.epoch, ...this.evaluate() });
    const gridSize = this.options.gridSize ?? 40;
    if (gridSize > 0) {
      const grid = decisionGrid(t.exec, this.data.train, t.epoch, gridSize);
      if (grid) this.emit(grid);
    }
  }

  /** Predictions (the prediction tensor) for `count` rows of inputs, in eval mode. */
  predict(inputs: Float32Array, count: number): Float32Array {
    const { exec, plan } = this.trainer;
    const inSize = plan.tensors[plan.inputTensor]!.size;
    const outSize = plan.tensors[plan.predictionTensor]!.size;
    if (inputs.length !== count * inSize) throw new Error(`predict needs ${count}×${inSize} numbers, got ${inputs.length}`);
    const out = new Float32Array(count * outSize);
    for (let s = 0; s < count; s += plan.batchSize) {
      const n = Math.min(plan.batchSize, count - s);
      for (let i = 0; i < n * inSize; i++) exec.input[i] = inputs[s * inSize + i]!;
      exec.target.fill(0);
      exec.forward(n, false);
      for (let i = 0; i < n * outSize; i++) out[s * outSize + i] = exec.prediction[i]!;
    }
    return out;
  }

  private whenSettled(): Promise<SessionState> {
    if (this.state !== 'running') return Promise.resolve(this.state);
    return new Promise((resolve) => this.finished.push(resolve));
  }

  private settle(): void {
    if (this.state === 'running') return;
    const waiting = this.finished;
    this.finished = [];
    for (const r of waiting) r(this.state);
  }

  private scheduleSlice(): void {
    const schedule = this.options.schedule ?? ((fn: () => void) => setTimeout(fn, 0));
    // Only the newest chain of slices trains: a slice still queued from before a pause/resume (or a
    // speed change) finds its chain outdated and ends, so two loops never train at once.
    const chain = this.chain;
    schedule(() => {
      if (chain === this.chain) this.runSlice();
    });
  }

  private runSlice(): void {
    if (this.state !== 'running') return;
    const now = this.options.now ?? (() => Date.now());
    if (this.stepsPerSecond !== null) return this.runThrottled(now, this.stepsPerSecond);
    const until = now() + (this.options.sliceMs ?? 20);
    do this.trainOne();
    while (this.state === 'running' && now() < until);
    if (this.state === 'running') this.scheduleSlice();
  }

  /**
   * A speed-limited slice: the batches earned since the last one (at most a tenth of a second's worth,
   * so a stall is not caught up in a burst), then a timer until the next batch is due.
   */
  private runThrottled(now: () => number, rate: number): void {
    const t = now();
    this.credit = Math.min(this.credit + ((t - this.lastTick) * rate) / 1000, Math.max(1, rate / 10));
    this.lastTick = t;
    while (this.credit >= 1 && this.state === 'running') {
      this.credit -= 1;
      this.trainOne();
    }
    if (this.state !== 'running') return;
    const waitMs = Math.max(1, Math.ceil(((1 - this.credit) * 1000) / rate));
    const chain = this.chain;
    this.throttleTimer = setTimeout(() => {
      this.throttleTimer = null;
      if (chain === this.chain) this.runSlice();
    }, waitMs);
  }

  /** One batch, with the events it triggers; the end of the last epoch finishes the run. */
  private trainOne(): number {
    const t = this.trainer;
    if (t.epoch >= this.epochs) return NaN;
    let loss: number;
    try {
      loss = t.trainBatch();
    } catch (e) {
      this.fail(e);
      return NaN;
    }
    if (this.options.batchEvents !== false) {
      this.emit({ type: 'batch', epoch: t.epoch + 1, batch: t.batchInEpoch, step: t.step, loss });
    }
    const lastN = Math.min(t.plan.batchSize, this.data.train.count - (t.batchInEpoch - 1) * t.plan.batchSize);
    if (t.statsDueWithinEpoch()) this.emit({ type: 'layerStats', epoch: t.epoch + 1, step: t.step, nodes: layerStats(t.exec, lastN) });
    if (t.endOfEpoch()) this.epochEnd(lastN);
    return loss;
  }

  private epochEnd(lastBatchRows: number): void {
    const t = this.trainer;
    const statsEvery = this.options.statsEvery ?? 1;
    // Stats describe the last training batch, so take them before evaluation reuses the buffers.
    const stats = statsEvery > 0 && t.epoch % statsEvery === 0 ? layerStats(t.exec, lastBatchRows) : null;
    try {
      t.assertFiniteWeights();
    } catch (e) {
      this.fail(e, t.epoch);
      return;
    }
    const ev = this.evaluate();
    this.emit({ type: 'epoch', epoch: t.epoch, ...ev });
    if (stats) this.emit({ type: 'layerStats', epoch: t.epoch, step: t.step, nodes: stats });
    if (this.options.diagnostics !== false) {
      const seen = this.monitor.observeEpoch({ epoch: t.epoch, trainLoss: ev.train.loss, ...(ev.train.accuracy !== undefined ? { trainAccuracy: ev.train.accuracy } : {}), stats });
      for (const d of seen) this.emit({ type: 'diagnostic', epoch: t.epoch, step: t.step, ...d });
    }
    const gridSize = this.options.gridSize ?? 40;
    if (gridSize > 0) {
      const grid = decisionGrid(t.exec, this.data.train, t.epoch, gridSize);
      if (grid) this.emit(grid);
    }
    if (t.epoch >= this.epochs) {
      this.state = 'done';
      this.emit({ type: 'done', epoch: t.epoch, ...ev });
      this.settle();
    }
  }

  /** `epoch`: the epoch the failure belongs to (by default the one in progress). */
  private fail(e: unknown, epoch = this.trainer.epoch + 1): void {
    this.state = 'error';
    if (e instanceof DivergenceError) {
      if (this.options.diagnostics !== false) {
        this.emit({ type: 'diagnostic', epoch, step: this.trainer.step, ...this.monitor.diverged(e.message, e.nodeId) });
      }
      this.emit({ type: 'error', code: 'divergence', message: e.message, suggestion: e.suggestion, ...(e.nodeId ? { nodeId: e.nodeId } : {}) });
    } else if (e instanceof KernelInputError) {
      this.emit({ type: 'error', code: 'dataset', message: e.message, ...(e.suggestion ? { suggestion: e.suggestion } : {}), ...(e.nodeId ? { nodeId: e.nodeId } : {}) });
    } else if (e instanceof ProblemError) {
      this.emit({ type: 'error', code: 'invalid-graph', message: e.message, problems: e.problems.map(formatProblem) });
    } else {
      this.emit({ type: 'error', code: 'internal', message: e instanceof Error ? e.message : String(e) });
    }
    this.settle();
  }
}

/**
 * Batches between layer-statistics samples inside an epoch (0: only at its end). A run of few epochs
 * of many batches (LeNet-5: 3 × 250) gets about 50 samples in all, at most 10 an epoch; a run of many
 * short epochs (XOR: 200 × 32) already has one an epoch and keeps exactly that, which is what the
 * lessons' checks and the run-time advice were written against.
 */
export function statsStrideFor(batchesPerEpoch: number, epochs: number): number {
  if (batchesPerEpoch < 50 || epochs >= 50) return 0;
  const perEpoch = Math.min(10, Math.ceil(50 / Math.max(1, epochs)));
  return perEpoch > 1 ? Math.floor(batchesPerEpoch / perEpoch) : 0;
}
