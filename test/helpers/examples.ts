import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseGraphText } from '../../core/graph/io';
import type { Graph } from '../../core/graph/schema';
import { TrainingSession, type SessionOptions } from '../../core/session/session';
import { createNodeResources } from '../../cli/resources';

export const EXAMPLES_DIR = resolve(import.meta.dirname, '../../examples');

export function loadExample(name: string): Graph {
  const parsed = parseGraphText(readFileSync(resolve(EXAMPLES_DIR, `${name}.json`), 'utf8'));
  if (!parsed.ok) throw new Error(`example ${name} is invalid: ${JSON.stringify(parsed.problems)}`);
  return parsed.graph;
}

/** Train an example to the end (as `netloom train` does) and return the final evaluation. */
export async function trainExample(graph: Graph, options: Partial<SessionOptions> = {}) {
  const session = await TrainingSession.create(graph, {
    resources: createNodeResources(EXAMPLES_DIR), batchEvents: false, statsEvery: 0, gridSize: 0, sliceMs: 1000, ...options,
  });
  const errors: string[] = [];
  session.on((e) => {
    if (e.type === 'error') errors.push(e.message);
  });
  const state = await session.start();
  if (state !== 'done') throw new Error(`training ended ${state}: ${errors.join('; ')}`);
  return session.evaluate();
}
