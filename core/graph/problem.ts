/**
 * A problem found in a graph file or graph. Every problem names where it is (a JSON-ish path), the node or
 * edge it concerns when there is one, and says what was expected and what was got.
 */
export interface Problem {
  /** e.g. `nodes[3]`, `edges[0].target`, `training.optimizer.lr`, or `` for the whole file. */
  path: string;
  nodeId?: string;
  edgeId?: string;
  /** Machine-readable kind, stable for tests and the UI: `cycle`, `param-range`, `shape-mismatch`, … */
  code: string;
  message: string;
  severity: 'error' | 'warning';
}

export function formatProblem(p: Problem): string {
  const id = p.nodeId !== undefined ? ` (id "${p.nodeId}")` : p.edgeId !== undefined ? ` (id "${p.edgeId}")` : '';
  const where = p.path === '' ? 'graph' : p.path;
  return `${where}${id}: ${p.message}`;
}

export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) return 'an array';
  return 'an object';
}

export class ProblemError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ProblemError';
  }
}
