import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseGraphText } from '../../../core/graph/io';
import type { Graph } from '../../../core/graph/schema';

/** Text of a file under `test/fixtures/` or, with `examples/…`, of a repository example. */
export function readFixture(relative: string): string {
  const base = relative.startsWith('examples/') ? '../../../' : '../../fixtures/';
  return readFileSync(fileURLToPath(new URL(`${base}${relative}`, import.meta.url)), 'utf8');
}

/** Parse text that must be a valid graph file; fails the test with the problems otherwise. */
export function load(text: string): Graph {
  const r = parseGraphText(text);
  if (!r.ok) throw new Error(`expected a valid graph file, got ${JSON.stringify(r.problems, null, 2)}`);
  return r.graph;
}
