import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createNodeResources } from '../../cli/resources';
import { parseGraphText } from '../../core/graph/io';
import type { Graph } from '../../core/graph/schema';
import type { LessonFacts } from '../../core/lessons';
import { TrainingSession } from '../../core/session/session';

export const LESSONS_DIR = resolve(import.meta.dirname, '../../examples/lessons');

/** Every lesson file shipped, by file name, parsed as a graph. */
export function lessonFiles(): { file: string; graph: Graph }[] {
  return readdirSync(LESSONS_DIR).filter((f) => f.endsWith('.json')).sort().map((file) => {
    const parsed = parseGraphText(readFileSync(resolve(LESSONS_DIR, file), 'utf8'));
    if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.problems)}`);
    return { file, graph: parsed.graph };
  });
}

/**
 * Train a graph to its last epoch through the core session, as `netloom train` does, and collect the
 * facts a lesson check reads: the last epoch's metrics and the last layer statistics.
 */
export async function trainForFacts(graph: Graph): Promise<LessonFacts & { error?: string }> {
  const session = await TrainingSession.create(graph, {
    resources: createNodeResources(resolve(LESSONS_DIR, '..')), batchEvents: false, statsEvery: 1, gridSize: 0, sliceMs: 1000,
  });
  const facts: LessonFacts & { error?: string } = { graph, epoch: 0, metrics: null, layers: null };
  const errors: string[] = [];
  session.on((e) => {
    if (e.type === 'epoch') {
      facts.epoch = e.epoch;
      facts.metrics = { train: e.train, validation: e.validation, extrapolation: e.extrapolation };
    } else if (e.type === 'layerStats') facts.layers = e.nodes;
    else if (e.type === 'error') errors.push(e.message);
  });
  const state = await session.start();
  // A run that diverges is a result a lesson can be about (a ReLU output under cross-entropy): report it.
  if (state === 'error') facts.error = errors.join('; ');
  else if (state !== 'done') throw new Error(`training ended ${state}`);
  return facts;
}
