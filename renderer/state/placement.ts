import type { Graph } from '../../core/graph/schema';
import type { Size } from './flow-convert';
import { DEFAULT_NODE_SIZE } from './layout';

export interface XY { x: number; y: number }

/** Space kept between a new node and its neighbours. */
const GAP = 40;

function boxOf(graph: Graph, id: string, sizes: ReadonlyMap<string, Size>): { x: number; y: number; w: number; h: number } | null {
  const n = graph.nodes.find((m) => m.id === id);
  if (!n?.position) return null;
  const s = sizes.get(id) ?? DEFAULT_NODE_SIZE;
  return { x: n.position.x, y: n.position.y, w: s.width, h: s.height };
}

/** Whether a node of `size` at `at` would overlap (or touch within the gap) any existing node. */
export function collides(graph: Graph, at: XY, size: Size, sizes: ReadonlyMap<string, Size>, gap = GAP / 2): boolean {
  return graph.nodes.some((n) => {
    const b = boxOf(graph, n.id, sizes);
    return b !== null && at.x < b.x + b.w + gap && b.x < at.x + size.width + gap && at.y < b.y + b.h + gap && b.y < at.y + size.height + gap;
  });
}

/**
 * The first free spot at or after `wanted`: to the right along the row, then row by row below —
 * so a new node never lands on top of another one.
 */
export function firstFreeSpot(graph: Graph, wanted: XY, sizes: ReadonlyMap<string, Size>, size: Size = DEFAULT_NODE_SIZE): XY {
  for (let row = 0; row < 20; row++) {
    for (let col = 0; col < 12; col++) {
      const at = { x: wanted.x + col * (size.width + GAP), y: wanted.y + row * (size.height + GAP) };
      if (!collides(graph, at, size, sizes)) return at;
    }
  }
  return wanted;
}

/**
 * Where a node added without a pointer (double-click in the palette, Enter in its search) goes:
 * beside the previously added node when it still exists, otherwise at the centre of the view — in
 * both cases moved on to the first free spot.
 */
export function placeNew(graph: Graph, lastAdded: string | null, centre: XY, sizes: ReadonlyMap<string, Size>): XY {
  const last = lastAdded !== null ? boxOf(graph, lastAdded, sizes) : null;
  const wanted = last ? { x: last.x + last.w + GAP, y: last.y } : { x: centre.x - DEFAULT_NODE_SIZE.width / 2, y: centre.y - DEFAULT_NODE_SIZE.height / 2 };
  return firstFreeSpot(graph, wanted, sizes);
}
