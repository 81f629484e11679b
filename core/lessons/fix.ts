import type { Graph } from '../graph/schema';
import type { FixStep } from './schema';

/**
 * Apply a lesson's intended fix to a graph (a new graph; the input is not changed). Used by the lesson
 * test; in the app the learner makes the same edits by hand.
 */
export function applyFix(graph: Graph, steps: readonly FixStep[]): Graph {
  let g: Graph = structuredClone(graph);
  for (const step of steps) {
    if ('node' in step) {
      g = { ...g, nodes: g.nodes.map((n) => (n.id === step.node ? { ...n, params: { ...n.params, ...step.params } } : n)) };
    } else if ('replace' in step) {
      // Keep the id and position so wires stay attached; only the type and params change.
      g = { ...g, nodes: g.nodes.map((n) => (n.id === step.replace ? { ...n, type: step.type, params: { ...step.params } } : n)) };
    } else {
      const training = structuredClone(g.training) as unknown as Record<string, unknown>;
      for (const [path, value] of Object.entries(step.training)) setPath(training, path.split('.'), value);
      g = { ...g, training: training as unknown as Graph['training'] };
    }
  }
  return g;
}

function setPath(obj: Record<string, unknown>, keys: string[], value: unknown): void {
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    if (typeof o[k] !== 'object' || o[k] === null) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[keys[keys.length - 1]!] = value;
}
