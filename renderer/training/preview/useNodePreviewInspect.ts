import { useCallback, useEffect } from 'react';
import type { TrainingController } from '../controller';
import { useThrottledStore } from '../hooks';
import type { NodeInspection } from '../run-store';

/** A node preview asks the worker again at most this often (each answer is one single-example forward). */
const PREVIEW_ASK_MS = 1000;
/** …and redraws at most this often. */
const PREVIEW_DRAW_MS = 250;

/** The worker behind a run in these states can answer; a stopped or failed run's may be gone. */
const ANSWERS = new Set(['starting', 'ready', 'running', 'paused', 'done']);

/**
 * The active run's latest `inspect` answer about a canvas node (its feature maps or hidden state for
 * the shared inspected example), asking again, throttled, whenever the run's step or the example has
 * changed since the last question: after one Step the preview follows, while training it refreshes
 * about once a second, and an idle graph asks nothing. Undefined when the run has no such node.
 */
export function useNodePreviewInspect(c: TrainingController, nodeId: string, type: string): NodeInspection | undefined {
  useEffect(() => {
    let asked = '';
    let lastAt = -Infinity;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const consider = () => {
      const run = c.store.active();
      if (!run || run.detached || !ANSWERS.has(run.state)) return;
      // The run trains its snapshot: only a node of the same kind under this id is this node.
      if (!run.meta.graph.nodes.some((n) => n.id === nodeId && n.type === type)) return;
      const key = `${run.meta.id}|${run.step}|${c.inspectedExample}`;
      if (key === asked) return;
      const wait = lastAt + PREVIEW_ASK_MS - performance.now();
      if (wait > 0) {
        timer ??= setTimeout(() => {
          timer = null;
          consider();
        }, wait);
        return;
      }
      asked = key;
      lastAt = performance.now();
      c.inspect(run.meta.id, nodeId, c.inspectedExample);
    };
    consider();
    const unsub = c.store.subscribe(consider);
    return () => {
      unsub();
      if (timer !== null) clearTimeout(timer);
    };
  }, [c, nodeId, type]);

  // The store keeps one answer object per node until the next arrives: a stable snapshot. It names its
  // own example, so until the answer for a newly chosen example comes the preview says which it shows.
  const read = useCallback(() => c.store.active()?.inspected.get(nodeId), [c, nodeId]);
  return useThrottledStore(c, read, PREVIEW_DRAW_MS);
}
