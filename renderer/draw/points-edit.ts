import type { Graph } from '../../core/graph/schema';

/** One hand-drawn point, as saved in `training.dataset.points` (docs/datasets.md). */
export interface DrawnPoint { x: number; y: number; label: number }

/** The 2D classification sets a person can draw on, and how many classes each has. */
export function drawableClasses(dataset: Graph['training']['dataset']): number | null {
  switch (dataset.name) {
    case 'xor': case 'circle': case 'spiral': return 2;
    case 'gaussians': return typeof dataset.classes === 'number' ? dataset.classes : 2;
    default: return null;
  }
}

export function drawnPoints(graph: Graph): DrawnPoint[] {
  const p = graph.training.dataset.points;
  return Array.isArray(p) ? (p as DrawnPoint[]) : [];
}

function withPoints(graph: Graph, points: DrawnPoint[], extra: Record<string, unknown> = {}): Graph {
  return { ...graph, training: { ...graph.training, dataset: { ...graph.training.dataset, points, ...extra } } };
}

/** Add a point (coordinates rounded to 3 decimals: a readable file, far finer than a pixel). */
export function addPoint(graph: Graph, x: number, y: number, label: number): Graph {
  const r = (v: number) => Math.round(v * 1000) / 1000;
  return withPoints(graph, [...drawnPoints(graph), { x: r(x), y: r(y), label }]);
}

/** Remove the drawn points within `radius` (data units) of (x, y); the same graph when none is. */
export function erasePoints(graph: Graph, x: number, y: number, radius: number): Graph {
  const all = drawnPoints(graph);
  const kept = all.filter((p) => Math.hypot(p.x - x, p.y - y) > radius);
  return kept.length === all.length ? graph : withPoints(graph, kept);
}

/** Train on the drawn points alone, or on them plus the generated ones. */
export function setOnlyDrawn(graph: Graph, only: boolean): Graph {
  return { ...graph, training: { ...graph.training, dataset: { ...graph.training.dataset, pointsMode: only ? 'only' : 'add' } } };
}
