import { useState } from 'react';
import type { Graph } from '../../core/graph/schema';
import type { TrainingController } from './controller';
import { trainingFingerprint } from './graph-variants';
import { useStoreKey } from './hooks';

/**
 * A run trains the graph as it was when it started. When the canvas changes under a live run, say so
 * and offer the two sensible answers, without blocking the editing.
 */
export function SnapshotPrompt({ controller: c, graph }: { controller: TrainingController; graph: Graph }) {
  const play = useStoreKey(c, () => c.playState());
  const runId = useStoreKey(c, () => c.store.activeId);
  const snapshot = useStoreKey(c, () => {
    const run = c.store.active();
    return run && !run.detached ? trainingFingerprint(run.meta.graph) : null;
  });
  const [kept, setKept] = useState<string | null>(null);
  const live = play === 'running' || play === 'paused';
  if (!live || snapshot === null || runId === null) return null;
  const current = trainingFingerprint(graph);
  if (current === snapshot || kept === `${runId}\u0000${current}`) return null;
  return (
    <div className="nl-tr-prompt" role="status" data-testid="snapshot-prompt">
      <span>The graph changed — this run keeps training the graph as it was when it started.</span>
      <div className="nl-tr-prompt-actions">
        <button type="button" className="nl-tr-btn" data-testid="snapshot-stop" onClick={() => c.stop()}>Stop run</button>
        <button type="button" className="nl-tr-btn" data-testid="snapshot-keep" onClick={() => setKept(`${runId}\u0000${current}`)}>Keep training the snapshot</button>
      </div>
    </div>
  );
}
