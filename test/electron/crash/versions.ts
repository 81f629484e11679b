import { serializeGraph } from '../../../core/graph/io';
import { DEFAULT_TRAINING, type Graph } from '../../../core/graph/schema';

/**
 * Version n of a document: a real graph whose size varies with n (so a torn write cannot look like a
 * whole one), 20–200 KB. `versionOf` says which complete version a text is, or null if it is not one.
 */
export function documentVersion(n: number): string {
  const size = 200 + ((n * 7919) % 1800);
  const nodes: Graph['nodes'] = [{ id: 'in', type: 'Input', params: {}, position: { x: 0, y: 0 } }];
  for (let i = 0; i < size; i++) nodes.push({ id: `n${i}`, type: 'Dense', params: { units: 1 + ((n + i) % 64) }, position: { x: i, y: n } });
  const graph: Graph = {
    format: 'netloom-graph', version: 1, name: `version ${n}`, nodes, edges: [],
    training: DEFAULT_TRAINING,
  };
  return serializeGraph(graph);
}

export function versionOf(text: string): number | null {
  const m = /"name": "version (\d+)"/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return documentVersion(n) === text ? n : null;
}
