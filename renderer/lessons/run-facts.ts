import type { Graph } from '../../core/graph/schema';
import { factsBeforeRun, LESSON_KEY, type LessonFacts } from '../../core/lessons';
import { isFinished, type RunData } from '../training/run-store';

/** The lesson id a graph carries, if any (without validating the whole block). */
export function lessonIdOf(graph: Graph): string | null {
  const block = (graph as unknown as Record<string, unknown>)[LESSON_KEY];
  const id = typeof block === 'object' && block !== null ? (block as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : null;
}

/** Whether a run trained a graph of this lesson (runs of other graphs never count for it). */
export function isLessonRun(run: RunData | undefined, lessonId: string): run is RunData {
  return run !== undefined && lessonIdOf(run.meta.graph) === lessonId;
}

/**
 * The facts a check reads, from a run as the store holds it: the graph that was trained, the last
 * epoch summary and the latest layer statistics. Without a run, the facts of the untrained graph.
 */
export function factsOfRun(run: RunData | undefined, graph: Graph): LessonFacts {
  if (!run) return factsBeforeRun(graph);
  const last = run.epochEvents.at(-1);
  return {
    graph: run.meta.graph,
    epoch: last?.epoch ?? 0,
    metrics: last ? { train: last.train, validation: last.validation, extrapolation: last.extrapolation } : null,
    layers: run.layerStats ?? null,
  };
}

/** A run that will not change any more: time to reveal the answer, or to offer the hint. */
export function runEnded(run: RunData | undefined): boolean {
  return run !== undefined && isFinished(run.state);
}
