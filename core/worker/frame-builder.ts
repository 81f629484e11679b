import type { EngineFrame, RunState } from '../protocol/engine';
import type { EventOf, NodeStats, SessionEvent } from '../protocol/events';

/** Most batch losses one frame carries; beyond that they are decimated, so a frame stays small. */
const MAX_BATCH_LOSSES = 2048;
/** Epoch summaries are small but still bounded: a frame keeps the latest this many. */
const MAX_EPOCHS = 1000;
/** Run-time diagnostics one frame carries at most. */
const MAX_DIAGNOSTICS = 100;
/** Gradient-norm samples one frame carries (evenly thinned beyond). */
const MAX_GRAD_SAMPLES = 512;

/** The total L2 norm of a node's parameter gradients, or null for nodes without parameters. */
export function totalGradNorm(stats: NodeStats): number | null {
  const norms = Object.values(stats.gradNorms);
  if (norms.length === 0) return null;
  return Math.sqrt(norms.reduce((s, n) => s + n * n, 0));
}

/**
 * Collects a run's events between frames. Batch losses go into a fixed buffer (decimated when full,
 * never grown), epochs into a bounded list, and only the latest stats and grid are kept: whatever the
 * training speed, memory stays bounded and the UI gets at most one frame per tick.
 */
export class FrameBuilder {
  private losses = new Float32Array(MAX_BATCH_LOSSES);
  private count = 0;
  private stride = 1;
  private skipped = 0;
  private firstStep = 0;
  private epochs: EventOf<'epoch'>[] = [];
  private stats: NodeStats[] | undefined;
  private gradSteps: number[] = [];
  private gradByNode: Record<string, number[]> = {};
  private grid: EventOf<'decisionGrid'> | undefined;
  private start: EventOf<'start'> | undefined;
  private error: EventOf<'error'> | undefined;
  private diagnostics: EventOf<'diagnostic'>[] = [];
  private done = false;
  private last = { step: 0, epoch: 0, batchInEpoch: 0 };
  extras: Partial<Pick<EngineFrame, 'points' | 'confusion' | 'predictions' | 'examples' | 'scores'>> = {};

  add(e: SessionEvent): void {
    switch (e.type) {
      case 'start':
        this.start = e;
        break;
      case 'batch':
        this.addLoss(e.step, e.loss);
        this.last = { step: e.step, epoch: e.epoch, batchInEpoch: e.batch };
        break;
      case 'epoch':
        this.epochs.push(e);
        if (this.epochs.length > MAX_EPOCHS) this.epochs.shift();
        break;
      case 'layerStats':
        this.stats = e.nodes;
        this.addGrads(e.step, e.nodes);
        break;
      case 'decisionGrid':
        this.grid = e;
        break;
      case 'done':
        this.done = true;
        break;
      case 'error':
        this.error = e;
        break;
      case 'diagnostic':
        // Each rule fires once per node and run, so this stays small; the cap is a guard.
        if (this.diagnostics.length < MAX_DIAGNOSTICS) this.diagnostics.push(e);
        break;
    }
  }

  private addLoss(step: number, loss: number): void {
    if (this.count === 0 && this.skipped === 0) this.firstStep = step;
    if (this.skipped++ % this.stride !== 0) return;
    if (this.count === this.losses.length) {
      // Full: keep every other value and sample half as often from now on.
      for (let i = 0; i < this.count / 2; i++) this.losses[i] = this.losses[2 * i]!;
      this.count /= 2;
      this.stride *= 2;
    }
    this.losses[this.count++] = loss;
  }

  private addGrads(step: number, nodes: NodeStats[]): void {
    this.gradSteps.push(step);
    for (const n of nodes) {
      const norm = totalGradNorm(n);
      if (norm !== null) (this.gradByNode[n.id] ??= []).push(norm);
    }
    if (this.gradSteps.length > MAX_GRAD_SAMPLES) {
      // Keep every other sample, always the newest (the series are aligned: same nodes every sample).
      const keep = (a: number[]) => a.filter((_, i) => (a.length - 1 - i) % 2 === 0);
      this.gradSteps = keep(this.gradSteps);
      for (const id of Object.keys(this.gradByNode)) this.gradByNode[id] = keep(this.gradByNode[id]!);
    }
  }

  hasNews(): boolean {
    return this.count > 0 || this.epochs.length > 0 || this.stats !== undefined || this.grid !== undefined ||
      this.start !== undefined || this.error !== undefined || this.diagnostics.length > 0 || this.done || Object.keys(this.extras).length > 0;
  }

  /** Take everything gathered so far as one frame, and start afresh. */
  take(runId: string, state: RunState, position = this.last): EngineFrame {
    const frame: EngineFrame = {
      type: 'frame', runId, state,
      step: position.step, epoch: position.epoch, batchInEpoch: position.batchInEpoch,
      batchLosses: this.losses.slice(0, this.count), batchStride: this.stride, firstBatchStep: this.firstStep,
      epochs: this.epochs, done: this.done,
      ...(this.start ? { start: this.start } : {}),
      ...(this.stats ? { layerStats: this.stats } : {}),
      ...(this.gradSteps.length ? { grads: { steps: this.gradSteps, byNode: this.gradByNode } } : {}),
      ...(this.grid ? { decisionGrid: { size: this.grid.size, xRange: this.grid.xRange, yRange: this.grid.yRange, values: Float32Array.from(this.grid.values), kind: this.grid.kind } } : {}),
      ...(this.error ? { error: this.error } : {}),
      ...(this.diagnostics.length ? { diagnostics: this.diagnostics } : {}),
      ...this.extras,
    };
    this.count = 0;
    this.stride = 1;
    this.skipped = 0;
    this.epochs = [];
    this.stats = undefined;
    this.gradSteps = [];
    this.gradByNode = {};
    this.grid = undefined;
    this.start = undefined;
    this.error = undefined;
    this.diagnostics = [];
    this.done = false;
    this.extras = {};
    return frame;
  }

  /** Where the run is, for frames sent after a command that trained nothing (reset, pause). */
  setPosition(step: number, epoch: number, batchInEpoch: number): void {
    this.last = { step, epoch, batchInEpoch };
  }
}
