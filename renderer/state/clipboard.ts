import type { Graph, GraphEdge, GraphNode } from '../../core/graph/schema';
import { edgeIds, freshId, nodeIds, type XY } from './graph-edit';

/** What Copy keeps: the chosen nodes and only the edges with both ends among them. */
export interface ClipboardContent {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export function copySelection(graph: Graph, selected: ReadonlySet<string>): ClipboardContent | null {
  const nodes = graph.nodes.filter((n) => selected.has(n.id));
  if (nodes.length === 0) return null;
  const edges = graph.edges.filter((e) => selected.has(e.source) && selected.has(e.target));
  return structuredClone({ nodes, edges });
}

/**
 * Insert a copy with fresh ids, its top-left corner at `at` (the cursor), keeping the relative
 * layout and remapping edges to the new ids. Returns the new node ids so the paste can be selected.
 */
export function pasteContent(graph: Graph, clip: ClipboardContent, at: XY): { graph: Graph; nodeIds: string[] } {
  const takenNodes = nodeIds(graph);
  const takenEdges = edgeIds(graph);
  const minX = Math.min(...clip.nodes.map((n) => n.position?.x ?? 0));
  const minY = Math.min(...clip.nodes.map((n) => n.position?.y ?? 0));
  const idMap = new Map<string, string>();
  const nodes = clip.nodes.map((n, i) => {
    const id = freshId(n.type, takenNodes);
    takenNodes.add(id);
    idMap.set(n.id, id);
    const p = n.position ?? { x: i * 40, y: i * 40 };
    return { ...structuredClone(n), id, position: { x: Math.round(at.x + p.x - minX), y: Math.round(at.y + p.y - minY) } };
  });
  const edges = clip.edges.flatMap((e) => {
    const source = idMap.get(e.source);
    const target = idMap.get(e.target);
    if (!source || !target) return [];
    const id = freshId('e', takenEdges);
    takenEdges.add(id);
    return [{ ...structuredClone(e), id, source, target }];
  });
  return { graph: { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] }, nodeIds: nodes.map((n) => n.id) };
}
