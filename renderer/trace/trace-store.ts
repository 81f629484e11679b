import type { EngineMessage } from '../../core/protocol/engine';
import type { TraceResult, TraceRowsResult, UnitMapResult } from '../../core/protocol/trace';
import type { TrainingController } from '../training/controller';

/** Where the step-through is: which node, and whether it shows values (forward) or gradients (backward). */
export type TraceSplit = 'train' | 'validation';

export interface TraceState {
  runId: string | null;
  example: number;
  /** The split `example` counts in: training rows (the row field, the chart, the strip), or validation (the grid). */
  split: TraceSplit;
  result: TraceResult | null;
  /** Index into `result.nodes`. */
  index: number;
  phase: 'forward' | 'backward';
  /** Unit maps asked for (2D data), by node id. */
  unitMaps: ReadonlyMap<string, UnitMapResult>;
  pending: boolean;
  /** A trace of the same run is being taken again (new weights or a new example): keep the place in the network. */
  refreshing: boolean;
  error: string | null;
  /** The row field's text (a pick on a chart, a digit or a sequence writes it too). */
  draft: string;
  /** Clicks on the decision chart pick the traced example (instead of drawing points). */
  pickMode: boolean;
  /** The first training rows of the active run, to pick from (images, sequences). */
  rows: TraceRowsResult | null;
}

const IDLE = {
  runId: null, example: 0, split: 'train', result: null, index: 0, phase: 'forward', unitMaps: new Map(), pending: false, refreshing: false, error: null,
} satisfies Partial<TraceState>;

/** How many training rows the picker shows: a strip of pictures or a short list of sequences. */
export const PICK_ROWS = 24;

/**
 * The step-through of one example: asks the run's worker for a trace (values and gradients of every
 * node at the paused weights) and walks it node by node — forward through the outputs, then back
 * through the gradients. Listens to the engine directly, so the training controller stays as it is.
 *
 * It never shows a silently stale picture: when the run it traced is paused again at another step
 * (after Resume/Pause or Step), it takes the trace again at the new weights, keeping the node it was at;
 * while the run trains, the panel says the values are from an earlier step.
 */
export class TraceStore {
  private state: TraceState = { ...IDLE, draft: '0', pickMode: false, rows: null };
  private listeners = new Set<() => void>();
  private rowsAsked: string | null = null;

  constructor(private readonly c: TrainingController) {
    c.engine.onMessage((m) => this.receive(m));
    c.store.subscribe(() => this.runChanged());
  }

  get = (): TraceState => this.state;
  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  private set(next: Partial<TraceState>): void {
    this.state = { ...this.state, ...next };
    for (const l of this.listeners) l();
  }

  /** Trace row `example` of a split (training unless said) on the active run (which should be paused). */
  start(example: number, split: TraceSplit = 'train'): void {
    const run = this.c.store.active();
    if (!run) return this.set({ ...IDLE, error: 'Start a run and pause it first.' });
    this.set({ ...IDLE, runId: run.meta.id, example, split, ...(split === 'train' ? { draft: String(example) } : {}), pending: true, pickMode: true });
    this.c.engine.command({ type: 'trace', runId: run.meta.id, example, split });
  }

  /**
   * A training row picked on the chart, in the picture strip or the sequence list: it becomes the row
   * and, on a paused run, is traced at once — at the same node when a trace is open, so the learner
   * can compare two examples at one place in the network.
   */
  pick(example: number, split: TraceSplit = 'train'): void {
    const paused = this.c.playState() === 'paused';
    if (!paused || !this.state.result) {
      if (split === 'train') this.set({ draft: String(example) });
      if (paused) this.start(example, split);
      return;
    }
    this.retake(example, split);
  }

  /** The row field's text changed (typing). */
  setDraft(draft: string): void {
    this.set({ draft });
  }

  setPickMode(on: boolean): void {
    if (this.state.pickMode !== on) this.set({ pickMode: on });
  }

  stop(): void {
    this.set({ ...IDLE, pickMode: false });
  }

  /** One node on, showing its output. */
  forward(): void {
    const n = this.state.result?.nodes.length ?? 0;
    if (n === 0) return;
    if (this.state.phase === 'backward') this.set({ phase: 'forward', index: Math.min(n - 1, this.state.index + 1) });
    else this.set({ index: Math.min(n - 1, this.state.index + 1) });
  }

  /** One node back, showing its gradient; from the last node's values, first its own gradient. */
  backward(): void {
    const n = this.state.result?.nodes.length ?? 0;
    if (n === 0) return;
    if (this.state.phase === 'forward' && this.state.index === n - 1) this.set({ phase: 'backward' });
    else this.set({ phase: 'backward', index: Math.max(0, this.state.index - 1) });
  }

  canForward(): boolean {
    const s = this.state;
    return s.result !== null && (s.phase === 'backward' || s.index < s.result.nodes.length - 1);
  }

  canBackward(): boolean {
    const s = this.state;
    return s.result !== null && !(s.phase === 'backward' && s.index === 0);
  }

  /** Ask for one node's per-unit maps over the input plane (2D data). */
  requestUnitMap(nodeId: string): void {
    if (this.state.runId === null || this.state.unitMaps.has(nodeId)) return;
    this.c.engine.command({ type: 'unitMap', runId: this.state.runId, nodeId, size: 24 });
  }

  /**
   * Ask the active run for its first training rows (the picker's pictures or sequences) until they
   * come: at most once per step, since a run still loading its data answers that it does not exist yet.
   */
  requestRows(): void {
    const run = this.c.store.active();
    const key = run ? `${run.meta.id}@${run.step}` : null;
    if (!run || this.state.rows?.runId === run.meta.id || this.rowsAsked === key) return;
    this.rowsAsked = key;
    this.c.engine.command({ type: 'traceRows', runId: run.meta.id, count: PICK_ROWS });
  }

  /** The id of the node the step-through is at, or null. */
  currentNode(): string | null {
    const r = this.state.result;
    return r ? r.nodes[this.state.index]?.id ?? null : null;
  }

  /** Whether the open trace is from an earlier step than the run is at now. */
  isStale(): boolean {
    const r = this.state.result;
    const run = this.c.store.active();
    return r !== null && run !== undefined && run.meta.id === this.state.runId && run.step !== r.step;
  }

  /** Trace again on the same run (new example or new weights), keeping the node and direction. */
  private retake(example: number, split: TraceSplit): void {
    const runId = this.state.runId;
    if (runId === null) return;
    this.set({ example, split, ...(split === 'train' ? { draft: String(example) } : {}), pending: true, refreshing: true, error: null });
    this.c.engine.command({ type: 'trace', runId, example, split });
  }

  /** The run store changed: close a trace of a run that is gone, refresh one whose run paused (or finished) at new weights. */
  private runChanged(): void {
    const s = this.state;
    const run = this.c.store.active();
    if (s.rows && s.rows.runId !== run?.meta.id) this.set({ rows: null });
    if (!s.result || s.runId === null) return;
    if (!run || run.meta.id !== s.runId) return this.stop();
    // Paused, or finished (a finished run's worker stays and can still answer): the weights hold still.
    const still = this.c.playState() === 'paused' || (run.state === 'done' && !run.detached);
    if (!s.pending && still && run.step !== s.result.step) this.retake(s.example, s.split);
  }

  private receive(m: EngineMessage): void {
    if (m.type === 'traceRows') {
      if (m.runId === this.c.store.activeId) this.set({ rows: m });
      return;
    }
    if (!('runId' in m) || m.runId !== this.state.runId || this.state.runId === null) return;
    if (m.type === 'trace') {
      const s = this.state;
      // A retake keeps the place in the network; unit maps are kept only when the weights did not move.
      const keep = s.refreshing && s.result !== null && s.result.nodes.length === m.nodes.length;
      const maps = s.result !== null && s.result.step === m.step ? s.unitMaps : new Map<string, UnitMapResult>();
      this.set({
        result: m, example: m.example, split: m.split, pending: false, refreshing: false, error: null, unitMaps: maps,
        ...(keep ? {} : { index: 0, phase: 'forward' as const }),
      });
    } else if (m.type === 'unitMap') this.set({ unitMaps: new Map(this.state.unitMaps).set(m.nodeId, m) });
    else if (m.type === 'fatal' && this.state.pending) this.set({ pending: false, refreshing: false, error: m.message });
  }
}

const stores = new WeakMap<TrainingController, TraceStore>();

export function traceStoreFor(c: TrainingController): TraceStore {
  let s = stores.get(c);
  if (!s) {
    s = new TraceStore(c);
    stores.set(c, s);
  }
  return s;
}
