import { useMemo } from 'react';
import type { Analysis } from '../../core/graph/analyze';
import { useDoc } from '../app/context';
import { createAnalyzer } from '../state/analysis-cache';

// One analyzer for the app: its cache is shared by every component that asks.
const analyze = createAnalyzer();

/** Live validation and shape inference of the current graph (re-run only when structure changes). */
export function useAnalysis(): Analysis {
  const graph = useDoc((s) => s.graph);
  return useMemo(() => analyze(graph), [graph]);
}
