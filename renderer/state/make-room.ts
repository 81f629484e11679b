import type { Graph } from '../../core/graph/schema';
import type { Size } from './flow-convert';
import type { XY } from './placement';

/** Space left between a node that grew and a neighbour it pushed: room for the wire's shape label. */
export const ROOM_GAP = 56;

interface Box { x: number; y: number; w: number; h: number }

const overlaps = (a: Box, b: Box, gap: number) =>
  a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;

/**
 * Where neighbours move when nodes grew (an error badge, a longer shape, a live preview): a node the
 * grown box now overlaps — or comes closer to than `ROOM_GAP`, hiding the wire's label — where it did
 * not before, is pushed right when it lay to the right of the old box, else down, to `ROOM_GAP` away;
 * the push carries on to whatever the moved node then hits. Overlaps and tight spacing the user made
 * on purpose (already there before the growth) are left alone. A node's box is its
 * top-left position and measured size; nodes are moved, never resized. Returns only changed positions.
 */
export function makeRoom(graph: Graph, sizes: ReadonlyMap<string, Size>, grown: ReadonlyMap<string, Size>): Map<string, XY> {
  const boxes = new Map<string, Box>();
  for (const n of graph.nodes) {
    const s = sizes.get(n.id);
    if (n.position && s) boxes.set(n.id, { x: n.position.x, y: n.position.y, w: s.width, h: s.height });
  }
  const moved = new Map<string, XY>();
  // Each entry: a node whose box changed from `before` to its current box in `boxes`.
  const queue: { id: string; before: Box }[] = [];
  for (const [id, old] of grown) {
    const b = boxes.get(id);
    if (b && (b.w > old.width || b.h > old.height)) queue.push({ id, before: { ...b, w: old.width, h: old.height } });
  }
  // Every push moves a node strictly right or down, so this ends; the cap guards against surprises.
  let budget = boxes.size * boxes.size + 8;
  while (queue.length > 0 && budget-- > 0) {
    const { id, before } = queue.shift()!;
    const now = boxes.get(id)!;
    for (const [other, b] of boxes) {
      if (other === id) continue;
      const crowded = (overlaps(now, b, ROOM_GAP) && !overlaps(before, b, ROOM_GAP)) || (overlaps(now, b, 0) && !overlaps(before, b, 0));
      if (!crowded) continue;
      const prev = { ...b };
      if (b.x >= before.x + before.w) b.x = now.x + now.w + ROOM_GAP;
      else b.y = now.y + now.h + ROOM_GAP;
      moved.set(other, { x: b.x, y: b.y });
      queue.push({ id: other, before: prev });
    }
  }
  return moved;
}
