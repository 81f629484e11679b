import type { WeightsMessage } from '../../core/protocol/engine';

export interface WeightsSnapshot {
  /** A NetLoom weights file (safetensors), as `netloom train --save-weights` writes. */
  bytes: Uint8Array;
  step: number;
  epoch: number;
}

/** How long a worker may take to answer a weights request before the caller is told it failed. */
const ANSWER_MS = 5000;

/**
 * The weights of each run, for the session: the latest answer from its worker is kept (bounded by
 * the runs the store keeps), so a finished or stopped run — whose worker may be gone — can still be
 * saved or exported with the weights it ended with.
 */
export class RunWeights {
  private kept = new Map<string, WeightsSnapshot>();
  private waiting = new Map<string, { resolve: (w: WeightsSnapshot) => void; reject: (e: Error) => void }[]>();

  constructor(private readonly ask: (runId: string) => void, private readonly cap = 40) {}

  /** The last weights received for a run, if any. */
  latest(runId: string): WeightsSnapshot | undefined {
    return this.kept.get(runId);
  }

  /** Ask the run's worker for its current weights. */
  request(runId: string): Promise<WeightsSnapshot> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(runId) ?? [];
      if (list.length === 0) this.waiting.set(runId, list);
      const timer = setTimeout(() => reject(new Error('the training worker did not send its weights (is the run still there?)')), ANSWER_MS);
      list.push({ resolve: (w) => { clearTimeout(timer); resolve(w); }, reject: (e) => { clearTimeout(timer); reject(e); } });
      if (list.length === 1) this.ask(runId);
    });
  }

  receive(m: WeightsMessage): void {
    const snap = { bytes: m.bytes, step: m.step, epoch: m.epoch };
    this.kept.delete(m.runId);
    this.kept.set(m.runId, snap);
    while (this.kept.size > this.cap) this.kept.delete(this.kept.keys().next().value!);
    const list = this.waiting.get(m.runId) ?? [];
    this.waiting.delete(m.runId);
    for (const w of list) w.resolve(snap);
  }

  /** The run's worker is gone: whoever waits is told so now. */
  fail(runId: string, message: string): void {
    const list = this.waiting.get(runId) ?? [];
    this.waiting.delete(runId);
    for (const w of list) w.reject(new Error(message));
  }

  forget(runId: string): void {
    this.kept.delete(runId);
  }
}
