import type { EngineCommand } from '../../core/protocol/engine';

export type RunCommand = Exclude<EngineCommand, { type: 'start' | 'predict' }>;

/**
 * A worker cannot take commands until its run exists (the session is created asynchronously after
 * `start`), so commands for a run that has not spoken yet wait here — at most `limit` of them, the
 * oldest dropped first, so a held-down Step key cannot grow memory without bound.
 */
export class CommandGate {
  private waiting = new Map<string, RunCommand[]>();
  private open = new Set<string>();

  constructor(private readonly limit = 32) {}

  /** A run was started: hold its commands until `opened`. */
  started(runId: string): void {
    this.open.delete(runId);
    this.waiting.set(runId, []);
  }

  /** The run's first message arrived: returns the held commands, to send now in order. */
  opened(runId: string): RunCommand[] {
    if (this.open.has(runId)) return [];
    this.open.add(runId);
    const held = this.waiting.get(runId) ?? [];
    this.waiting.delete(runId);
    return held;
  }

  /** True if the command may be sent now; otherwise it is held (or dropped when the queue is full). */
  pass(cmd: RunCommand): boolean {
    const held = this.waiting.get(cmd.runId);
    if (!held) return true;
    held.push(cmd);
    if (held.length > this.limit) held.shift();
    return false;
  }

  forget(runId: string): void {
    this.waiting.delete(runId);
    this.open.delete(runId);
  }

  heldCount(runId: string): number {
    return this.waiting.get(runId)?.length ?? 0;
  }
}
