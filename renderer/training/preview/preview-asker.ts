import type { RunStore } from '../run-store';

/** A node preview asks the worker again at most this often (each answer is one single-example forward). */
export const PREVIEW_ASK_MS = 1000;

/**
 * The worker behind a run in these states can answer; a stopped or failed run's may be gone. Not while
 * starting: commands then wait in the controller's gate, whose few places belong to Step and Pause.
 */
const ANSWERS: ReadonlySet<string> = new Set(['ready', 'running', 'paused', 'done']);

/** What the asker needs of the training controller. */
export interface PreviewAskTarget {
  readonly store: RunStore;
  readonly inspectedExample: number;
  inspect(runId: string, nodeId: string, example: number): void;
}

export interface Clock {
  now(): number;
  later(fn: () => void, ms: number): unknown;
  cancel(handle: unknown): void;
}

const realClock: Clock = {
  now: () => performance.now(),
  later: (fn, ms) => setTimeout(fn, ms),
  cancel: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Decides when a canvas node's preview sends `inspect` for its node: whenever the active run's step or
 * the inspected example differs from what it last asked about, at most once per PREVIEW_ASK_MS (a
 * change inside that time is asked about when it ends). Call `consider` on every store change.
 */
export function createPreviewAsker(c: PreviewAskTarget, nodeId: string, type: string, clock: Clock = realClock) {
  let asked = '';
  let lastAt = -Infinity;
  let timer: unknown = null;
  const consider = (): void => {
    const run = c.store.active();
    if (!run || run.detached || !ANSWERS.has(run.state)) return;
    // The run trains its snapshot: only a node of the same kind under this id is this node.
    if (!run.meta.graph.nodes.some((n) => n.id === nodeId && n.type === type)) return;
    const key = `${run.meta.id}|${run.step}|${c.inspectedExample}`;
    if (key === asked) return;
    const wait = lastAt + PREVIEW_ASK_MS - clock.now();
    if (wait > 0) {
      timer ??= clock.later(() => {
        timer = null;
        consider();
      }, wait);
      return;
    }
    asked = key;
    lastAt = clock.now();
    c.inspect(run.meta.id, nodeId, c.inspectedExample);
  };
  return {
    consider,
    dispose(): void {
      if (timer !== null) clock.cancel(timer);
      timer = null;
    },
  };
}
