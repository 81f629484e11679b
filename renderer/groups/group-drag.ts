import type { Graph } from '../../core/graph/schema';
import type { Selection } from '../state/flow-cache';
import type { Size } from '../state/flow-convert';
import type { XY } from '../state/graph-edit';
import { groupsOf, moveMembers, toggleGroup } from './group-model';
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

/** Width a collapsed box is taken to have when making room (its real width depends on its ports). */
const BOX_WIDTH = 230;

/**
 * Collapse or expand, making room: expanding pushes everything to the right of the box over by as
 * much as the frame is wider than the box, and collapsing pulls it back by the same amount, so a
 * chain of blocks opens up like a folded outline instead of the frame landing on its neighbours.
 */
export const toggleMakingRoom = (groupId: string, sizes: ReadonlyMap<string, Size>) => (graph: Graph): Graph => {
  const group = groupsOf(graph).find((g) => g.id === groupId);
  if (!group) return graph;
  const open = groupBox(graph, { ...group, collapsed: false }, sizes);
  const box = groupBox(graph, { ...group, collapsed: true }, sizes).position;
  const extra = open.position.x + (open.size?.width ?? 0) - (box.x + BOX_WIDTH);
  const toggled = toggleGroup(groupId)(graph);
  if (extra <= 0) return toggled;
  const members = new Set(group.nodes);
  const shift = group.collapsed ? extra : -extra;
  const edge = group.collapsed ? box.x + BOX_WIDTH : open.position.x + (open.size?.width ?? 0);
  return {
    ...toggled,
    nodes: toggled.nodes.map((n) => (!members.has(n.id) && n.position && n.position.x >= edge
      ? { ...n, position: { x: Math.round(n.position.x + shift), y: n.position.y } }
      : n)),
  };
};
