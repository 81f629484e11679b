import { useCallback, useEffect } from 'react';
import type { TrainingController } from '../controller';
import { useThrottledStore } from '../hooks';
import type { NodeInspection } from '../run-store';
import { createPreviewAsker } from './preview-asker';

/** A node preview redraws at most this often. */
const PREVIEW_DRAW_MS = 250;

/**
 * The active run's latest `inspect` answer about a canvas node (its feature maps or hidden state for
 * the shared inspected example), asking again, throttled, whenever the run's step or the example has
 * changed since the last question (preview-asker.ts): after one Step the preview follows, while
 * training it refreshes about once a second, and an idle graph asks nothing.
 */
export function useNodePreviewInspect(c: TrainingController, nodeId: string, type: string): NodeInspection | undefined {
  useEffect(() => {
    const asker = createPreviewAsker(c, nodeId, type);
    asker.consider();
    const unsub = c.store.subscribe(asker.consider);
    return () => {
      unsub();
      asker.dispose();
    };
  }, [c, nodeId, type]);

  // The store keeps one answer object per node until the next arrives: a stable snapshot. It names its
  // own example, so until the answer for a newly chosen example comes the preview says which it shows.
  const read = useCallback(() => c.store.active()?.inspected.get(nodeId), [c, nodeId]);
  return useThrottledStore(c, read, PREVIEW_DRAW_MS);
}
