import type { Graph } from '../../core/graph/schema';
import type { EngineFrame, FeatureMapsResult, HiddenStateResult, InspectResult, RunOptions, RunState } from '../../core/protocol/engine';
import type { EventOf, NodeStats } from '../../core/protocol/events';
import { BoundedSeries, EpochTable } from './bounded-series';

/**
 * Every run the panel knows about and its metrics, built from engine frames. A pure module (no DOM,
 * no React): charts subscribe and redraw on their own schedule, so a frame costs no React render.
 * Every collection is bounded, whatever the length of the run or the number of runs.
 */
export interface StoreLimits {
  /** Batch-loss points kept per run (decimated beyond). */
  batchPoints: number;
  /** Epoch points per run (decimated beyond). */
  epochPoints: number;
  /** Gradient-norm samples per layer per run. */
  gradPoints: number;
  /** Runs kept in the history; the oldest finished ones go first. */
  runs: number;
  /** Runs overlaid in the compare view at once. */
  compare: number;
}

/**
 * 2,000 points a series still gives a dock chart (at most ~700 px wide) two or more min/max points per
 * pixel column; 4,000 doubled the main thread's work per loss-chart redraw for nothing visible.
 */
export const DEFAULT_LIMITS: StoreLimits = { batchPoints: 2000, epochPoints: 2000, gradPoints: 1000, runs: 40, compare: 8 };

export interface RunMeta {
  id: string;
  name: string;
  startedAt: string;
  /** The graph as sent to the engine: the run always trains this, whatever happens on the canvas. */
  graph: Graph;
  options: Omit<RunOptions, 'files' | 'crashAfterBatches' | 'hangAfterBatches'>;
}

export type EpochSeries = EpochTable;

export interface RunData {
  meta: RunMeta;
  state: RunState;
  /** Reopened from a file: no worker behind it, so it cannot be controlled. */
  detached: boolean;
  step: number;
  epoch: number;
  batchInEpoch: number;
  info?: EventOf<'start'>;
  /** Epoch summaries, as the engine sent them (kept for saving); bounded like the series. */
  epochEvents: EventOf<'epoch'>[];
  epochs: EpochSeries;
  batch: BoundedSeries;
  /** The very first batch loss since start or reset: same seed, same graph → same number. */
  firstLoss?: number;
  /** Gradient norm per node over steps: x = step, y = L2 norm of all the node's parameter gradients. */
  grads: Map<string, BoundedSeries>;
  layerStats?: NodeStats[];
  decision?: NonNullable<EngineFrame['decisionGrid']>;
  points?: NonNullable<EngineFrame['points']>;
  confusion?: NonNullable<EngineFrame['confusion']>;
  predictions?: NonNullable<EngineFrame['predictions']>;
  examples?: NonNullable<EngineFrame['examples']>;
  /** The softmax output's input scores for a few validation rows (the softmax lesson's bar chart). */
  scores?: NonNullable<EngineFrame['scores']>;
  attention?: InspectResult;
  /**
   * The latest `inspect` answer per node (feature maps of a convolution or pool, a recurrent layer's
   * hidden state over time) with the run's step when it arrived: the Layers tab and the canvas nodes'
   * previews both ask, so each keeps the answer about its own node.
   */
  inspected: Map<string, NodeInspection>;
  /** Run-time advisor diagnostics reported so far (the advisor panel); cleared when the run resets. */
  diagnostics?: NonNullable<EngineFrame['diagnostics']>;
  error?: string;
  /** After a reset command: frames still in flight from before it are ignored until the reset lands. */
  awaitingReset: boolean;
  /**
   * Set when Resume is sent. A paused run applies no `running` frame without it: once the pause is
   * acknowledged, read-outs and charts stay exactly at that step until the person resumes.
   */
  resumeSent?: boolean;
  /** Bumped on every change, so views can tell whether to redraw. */
  version: number;
}

export interface NodeInspection {
  result: FeatureMapsResult | HiddenStateResult;
  /** The run's step when the answer arrived (exact while paused; a frame or so behind while running). */
  step: number;
}

export type StoreListener = (runId: string | null) => void;

const FINISHED: ReadonlySet<RunState> = new Set(['done', 'stopped', 'error']);

export function isFinished(state: RunState): boolean {
  return FINISHED.has(state);
}

export function createEpochSeries(cap: number): EpochSeries {
  return new EpochTable(cap);
}

export function createRunData(meta: RunMeta, limits: StoreLimits = DEFAULT_LIMITS): RunData {
  return {
    meta, state: 'starting', detached: false, step: 0, epoch: 0, batchInEpoch: 0,
    epochEvents: [], epochs: createEpochSeries(limits.epochPoints), batch: new BoundedSeries(limits.batchPoints),
    grads: new Map(), inspected: new Map(), awaitingReset: false, version: 0,
  };
}

/** Record one epoch summary in the run's events and curves. */
export function pushEpoch(run: RunData, e: EventOf<'epoch'>, cap: number): void {
  run.epochEvents.push(e);
  if (run.epochEvents.length > cap) run.epochEvents = run.epochEvents.filter((_, i, a) => (a.length - 1 - i) % 2 === 0);
  run.epochs.push(e.epoch, e.train.loss, e.validation.loss, e.train.accuracy ?? NaN, e.validation.accuracy ?? NaN);
}

function clearMetrics(run: RunData, limits: StoreLimits): void {
  run.epochEvents = [];
  run.epochs = createEpochSeries(limits.epochPoints);
  run.batch = new BoundedSeries(limits.batchPoints);
  run.grads = new Map();
  delete run.firstLoss;
  delete run.layerStats;
  delete run.decision;
  delete run.confusion;
  delete run.predictions;
  delete run.examples;
  delete run.scores;
  delete run.attention;
  run.inspected = new Map();
  delete run.error;
  run.step = 0;
  run.epoch = 0;
  run.batchInEpoch = 0;
}

/** The total L2 norm of a node's parameter gradients, or null for nodes without parameters. */
export function nodeGradNorm(stats: NodeStats): number | null {
  const norms = Object.values(stats.gradNorms);
  if (norms.length === 0) return null;
  return Math.sqrt(norms.reduce((s, n) => s + n * n, 0));
}

function isEmptyFrame(f: EngineFrame): boolean {
  return f.batchLosses.length === 0 && f.epochs.length === 0 && !f.layerStats && !f.grads && !f.decisionGrid &&
    !f.confusion && !f.predictions && !f.error && !f.start && !f.done && !f.diagnostics?.length;
}

/** Apply one frame to a run's data (mutates `run`). Returns false when the frame was ignored. */
export function applyFrameTo(run: RunData, f: EngineFrame, limits: StoreLimits = DEFAULT_LIMITS): boolean {
  if (f.start) run.info = f.start;
  // The training points describe the dataset, not the weights: keep them even from a frame sent
  // before a reset landed (Step on a new run resets at once, and would otherwise lose them).
  if (f.points) run.points = f.points;
  if (run.awaitingReset) {
    const landed = f.state === 'ready' && f.step === 0;
    if (!landed && !isFinished(f.state)) return false;
    run.awaitingReset = false;
  }
  if (run.state === 'paused' && f.state === 'running' && !run.resumeSent) return false;
  // A paused run's repeated "still paused" frames carry nothing new: applying them would only redraw.
  if (run.state === 'paused' && f.state === 'paused' && f.step === run.step && isEmptyFrame(f)) return false;
  if (f.state === 'running') run.resumeSent = false;
  if (f.step === 0) run.diagnostics = undefined;
  if (f.diagnostics?.length) run.diagnostics = [...(run.diagnostics ?? []), ...f.diagnostics];
  run.state = f.state;
  run.step = f.step;
  run.epoch = f.epoch;
  run.batchInEpoch = f.batchInEpoch;
  for (let i = 0; i < f.batchLosses.length; i++) {
    const step = f.firstBatchStep + i * f.batchStride;
    const loss = f.batchLosses[i]!;
    if (run.firstLoss === undefined && step === 1) run.firstLoss = loss;
    run.batch.push(step, loss);
  }
  for (const e of f.epochs) pushEpoch(run, e, limits.epochPoints);
  if (f.grads) {
    for (const [id, norms] of Object.entries(f.grads.byNode)) {
      let series = run.grads.get(id);
      if (!series) run.grads.set(id, (series = new BoundedSeries(limits.gradPoints)));
      const offset = f.grads.steps.length - norms.length;
      norms.forEach((n, i) => series.push(f.grads!.steps[i + offset]!, n));
    }
  }
  if (f.layerStats) {
    run.layerStats = f.layerStats;
    // Older workers (and hand-made frames) send only the latest stats: one point per frame then.
    if (!f.grads) for (const s of f.layerStats) {
      const norm = nodeGradNorm(s);
      if (norm === null) continue;
      let series = run.grads.get(s.id);
      if (!series) run.grads.set(s.id, (series = new BoundedSeries(limits.gradPoints)));
      series.push(f.step, norm);
    }
  }
  if (f.decisionGrid) run.decision = f.decisionGrid;
  if (f.points) run.points = f.points;
  if (f.confusion) run.confusion = f.confusion;
  if (f.predictions) run.predictions = f.predictions;
  if (f.examples) run.examples = f.examples;
  if (f.scores) run.scores = f.scores;
  if (f.error) run.error = f.error.suggestion ? `${f.error.message} — ${f.error.suggestion}` : f.error.message;
  run.version++;
  return true;
}

export function createRunStore(limits: StoreLimits = DEFAULT_LIMITS) {
  const runs = new Map<string, RunData>();
  let activeId: string | null = null;
  let compare: string[] = [];
  const listeners = new Set<StoreListener>();
  const notify = (id: string | null) => {
    for (const l of listeners) l(id);
  };

  function prune(): void {
    if (runs.size <= limits.runs) return;
    for (const [id, r] of runs) {
      if (runs.size <= limits.runs) break;
      if (id === activeId || !(isFinished(r.state) || r.detached)) continue;
      runs.delete(id);
      compare = compare.filter((c) => c !== id);
    }
  }

  return {
    limits,
    subscribe(listener: StoreListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get: (id: string): RunData | undefined => runs.get(id),
    /** Oldest first. */
    list: (): RunData[] => [...runs.values()],
    get activeId(): string | null {
      return activeId;
    },
    active: (): RunData | undefined => (activeId ? runs.get(activeId) : undefined),

    add(meta: RunMeta, makeActive = true): RunData {
      const run = createRunData(meta, limits);
      runs.set(meta.id, run);
      if (makeActive) activeId = meta.id;
      prune();
      notify(meta.id);
      return run;
    },
    /** A run reopened from a saved file. */
    addDetached(run: RunData): void {
      run.detached = true;
      runs.set(run.meta.id, run);
      prune();
      notify(run.meta.id);
    },
    remove(id: string): void {
      if (!runs.delete(id)) return;
      compare = compare.filter((c) => c !== id);
      if (activeId === id) activeId = null;
      notify(id);
    },
    /** Resume was sent: the run's next `running` frames apply again. */
    markResumed(id: string): void {
      const run = runs.get(id);
      if (run) run.resumeSent = true;
    },
    setActive(id: string | null): void {
      if (id !== null && !runs.has(id)) return;
      activeId = id;
      notify(id);
    },

    applyFrame(f: EngineFrame): boolean {
      const run = runs.get(f.runId);
      if (!run) return false;
      const applied = applyFrameTo(run, f, limits);
      if (applied) notify(f.runId);
      return applied;
    },
    applyInspect(r: InspectResult): void {
      const run = runs.get(r.runId);
      if (!run) return;
      run.attention = r;
      run.version++;
      notify(r.runId);
    },
    /** A feature-maps or hidden-state answer: kept per node, so answers about other nodes never replace it. */
    applyNodeInspection(r: FeatureMapsResult | HiddenStateResult): void {
      const run = runs.get(r.runId);
      if (!run) return;
      run.inspected.set(r.nodeId, { result: r, step: run.step });
      run.version++;
      notify(r.runId);
    },
    /** A run failed outside a frame (e.g. a `fatal` from the engine). */
    fail(id: string, message: string): void {
      const run = runs.get(id);
      if (!run) return;
      run.error = message;
      if (!isFinished(run.state)) run.state = 'error';
      run.version++;
      notify(id);
    },
    /**
     * A reset command was sent: clear the metrics now and ignore stale frames until it lands. With
     * `archiveAs`, the curves so far stay in the history as a finished run of that id and name.
     */
    beginReset(id: string, archiveAs?: { id: string; name: string }): void {
      const run = runs.get(id);
      if (!run) return;
      if (archiveAs && run.step > 0) {
        // The old series objects move to the archive; the live run gets fresh ones below.
        const copy: RunData = { ...run, meta: { ...run.meta, ...archiveAs }, grads: new Map(run.grads), detached: true, awaitingReset: false, version: 0 };
        if (!isFinished(copy.state)) copy.state = 'stopped';
        const entries = [...runs.entries()];
        runs.clear();
        // Listed just before the live run, where it came from.
        for (const [k, v] of entries) {
          if (k === id) runs.set(archiveAs.id, copy);
          runs.set(k, v);
        }
      }
      clearMetrics(run, limits);
      run.state = 'ready';
      run.awaitingReset = true;
      run.meta = { ...run.meta, startedAt: new Date().toISOString() };
      run.version++;
      notify(id);
    },

    compareIds: (): readonly string[] => compare,
    toggleCompare(id: string): void {
      if (!runs.has(id)) return;
      compare = compare.includes(id) ? compare.filter((c) => c !== id) : [...compare, id].slice(-limits.compare);
      notify(null);
    },
    setCompare(ids: string[]): void {
      compare = ids.filter((id) => runs.has(id)).slice(-limits.compare);
      notify(null);
    },
  };
}

export type RunStore = ReturnType<typeof createRunStore>;
