import type { Graph } from '../../core/graph/schema';
import type { Selection } from '../state/flow-cache';
import type { Size } from '../state/flow-convert';
import type { XY } from '../state/graph-edit';
import { groupsOf, moveMembers } from './group-model';
import { groupBox } from './group-view';

/**
 * A group's box dragged to new positions: every member moves by the box's offset, so the group keeps
 * its shape and the box stays where it was dropped (its place is a function of the members').
 */
export const groupDrag = (moves: ReadonlyMap<string, XY>, sizes: ReadonlyMap<string, Size>) => (graph: Graph): Graph => {
  let g = graph;
  for (const group of groupsOf(graph)) {
    const to = moves.get(group.id);
    if (!to) continue;
    const from = groupBox(g, group, sizes).position;
    g = moveMembers(g, group.nodes, { x: to.x - from.x, y: to.y - from.y });
  }
  return g;
};

/** The selection without a group's members (collapsing hides them, so they should not stay selected). */
export function withoutMembers(selection: Selection, graph: Graph, groupId: string): Selection {
  const members = new Set(groupsOf(graph).find((g) => g.id === groupId)?.nodes ?? []);
  if (![...selection.nodes].some((id) => members.has(id))) return selection;
  return { nodes: new Set([...selection.nodes].filter((id) => !members.has(id))), edges: selection.edges };
}
