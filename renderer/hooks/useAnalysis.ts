import { useSyncExternalStore } from 'react';
import type { Analysis } from '../../core/graph/analyze';
import { useServices } from '../app/context';
import { createAnalyzer } from '../state/analysis-cache';

// One analyzer for the app: its cache is shared by every component that asks.
const analyze = createAnalyzer();

/**
 * Live validation and shape inference of the current graph. Re-run only when the structure changes,
 * and components re-render only then — not on every frame of a drag.
 */
export function useAnalysis(): Analysis {
  const { store } = useServices();
  return useSyncExternalStore(store.subscribe, () => analyze(store.getState().graph));
}
