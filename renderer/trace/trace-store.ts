import type { EngineMessage } from '../../core/protocol/engine';
import type { TraceResult, UnitMapResult } from '../../core/protocol/trace';
import type { TrainingController } from '../training/controller';

/** Where the step-through is: which node, and whether it shows values (forward) or gradients (backward). */
export interface TraceState {
  runId: string | null;
  example: number;
  result: TraceResult | null;
  /** Index into `result.nodes`. */
  index: number;
  phase: 'forward' | 'backward';
  /** Unit maps asked for (2D data), by node id. */
  unitMaps: ReadonlyMap<string, UnitMapResult>;
  pending: boolean;
  error: string | null;
}

const IDLE: TraceState = { runId: null, example: 0, result: null, index: 0, phase: 'forward', unitMaps: new Map(), pending: false, error: null };

/**
 * The step-through of one example: asks the run's worker for a trace (values and gradients of every
 * node at the paused weights) and walks it node by node — forward through the outputs, then back
 * through the gradients. Listens to the engine directly, so the training controller stays as it is.
 */
export class TraceStore {
  private state: TraceState = IDLE;
  private listeners = new Set<() => void>();

  constructor(private readonly c: TrainingController) {
    c.engine.onMessage((m) => this.receive(m));
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

  /** Trace row `example` of the training split on the active run (which should be paused). */
  start(example: number): void {
    const run = this.c.store.active();
    if (!run) return this.set({ ...IDLE, error: 'Start a run and pause it first.' });
    this.set({ ...IDLE, runId: run.meta.id, example, pending: true });
    this.c.engine.command({ type: 'trace', runId: run.meta.id, example, split: 'train' });
  }

  stop(): void {
    this.set(IDLE);
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

  /** The id of the node the step-through is at, or null. */
  currentNode(): string | null {
    const r = this.state.result;
    return r ? r.nodes[this.state.index]?.id ?? null : null;
  }

  private receive(m: EngineMessage): void {
    if (m.runId !== this.state.runId || this.state.runId === null) return;
    if (m.type === 'trace') this.set({ result: m, index: 0, phase: 'forward', pending: false, error: null });
    else if (m.type === 'unitMap') this.set({ unitMaps: new Map(this.state.unitMaps).set(m.nodeId, m) });
    else if (m.type === 'fatal' && this.state.pending) this.set({ pending: false, error: m.message });
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
