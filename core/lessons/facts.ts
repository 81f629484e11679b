import type { Graph } from '../graph/schema';
import type { Metrics, NodeStats } from '../protocol/events';

/**
 * What a lesson check can look at: the graph that was trained and the latest numbers of its run. The
 * app builds this from its run store, the lesson test from session events — the same shape either way.
 */
export interface LessonFacts {
  graph: Graph;
  /** Epochs finished so far. */
  epoch: number;
  /** The latest epoch's evaluation, or null before the first epoch ends. */
  metrics: { train: Metrics; validation: Metrics; extrapolation?: Metrics | undefined } | null;
  /** The latest layer statistics, or null before any were reported. */
  layers: readonly NodeStats[] | null;
}

/** Facts before any training: every run-dependent check is pending. */
export function factsBeforeRun(graph: Graph): LessonFacts {
  return { graph, epoch: 0, metrics: null, layers: null };
}
