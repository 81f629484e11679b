import { useSyncExternalStore } from 'react';
import { useTrainingController } from '../training/hooks';
import { traceStoreFor } from './trace-store';

/**
 * Inside a canvas node: marks the node the step-through is at (the node's outline comes from CSS
 * on this marker), with the direction, so the canvas shows where the example is.
 */
export function NodeTraceMark({ nodeId }: { nodeId: string }) {
  const t = traceStoreFor(useTrainingController());
  const here = useSyncExternalStore(t.subscribe, () => (t.currentNode() === nodeId ? t.get().phase : null));
  if (here === null) return null;
  return (
    <span className="nl-node-trace" data-testid="trace-current" data-phase={here} aria-label={here === 'forward' ? 'the traced example is here (values)' : 'the traced example is here (gradients)'}>
      {here === 'forward' ? '▶' : '◀'}
    </span>
  );
}
