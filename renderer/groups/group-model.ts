import { addGroup, GROUPS_FIELD, readGroups, renameGroup, setCollapsed, withGroups, type GraphGroup } from '../../core/graph/groups';
import type { Graph } from '../../core/graph/schema';
import type { XY } from '../state/graph-edit';

/**
 * The editor's group operations, as pure graph → graph recipes for the document store (so each one is
 * an undo step and is saved with the file). Groups only ever change the graph's `x-groups` field: the
 * nodes and edges the compiler, the trainer and the exporters read are left exactly as they were.
 */

/** The graph's usable groups (the core reader leaves out any that are malformed). */
export function groupsOf(graph: Graph): GraphGroup[] {
  return graph[GROUPS_FIELD] === undefined ? [] : readGroups(graph).groups;
}

/** Groups without the nodes that are no longer in the graph (a deleted node leaves its group). */
export function pruneGroups(graph: Graph): Graph {
  const raw = graph[GROUPS_FIELD];
  if (!Array.isArray(raw)) return graph;
  const known = new Set(graph.nodes.map((n) => n.id));
  let changed = false;
  const kept: unknown[] = [];
  for (const g of raw) {
    const nodes = (g as { nodes?: unknown }).nodes;
    if (!Array.isArray(nodes)) {
      kept.push(g);
      continue;
    }
    const live = nodes.filter((id) => typeof id !== 'string' || known.has(id));
    if (live.length === nodes.length) kept.push(g);
    else {
      changed = true;
      if (live.length > 0) kept.push({ ...(g as object), nodes: live });
    }
  }
  if (!changed) return graph;
  const { [GROUPS_FIELD]: _old, ...rest } = graph;
  return (kept.length ? { ...rest, [GROUPS_FIELD]: kept } : rest) as Graph;
}

export const toggleGroup = (id: string) => (graph: Graph): Graph => {
  const groups = groupsOf(graph);
  const g = groups.find((x) => x.id === id);
  return g ? withGroups(graph, setCollapsed(groups, id, !g.collapsed)) : graph;
};

/** Collapse or expand every group at once (an imported model's blocks). */
export const setAllCollapsed = (collapsed: boolean) => (graph: Graph): Graph => {
  const groups = groupsOf(graph);
  return groups.length ? withGroups(graph, groups.map((g) => ({ ...g, collapsed }))) : graph;
};

/** A blank name keeps the old one: a group is always called something. */
export const renameGroupTo = (id: string, name: string) => (graph: Graph): Graph => {
  const trimmed = name.trim();
  return trimmed ? withGroups(graph, renameGroup(groupsOf(graph), id, trimmed)) : graph;
};

export const ungroup = (id: string) => (graph: Graph): Graph => withGroups(graph, groupsOf(graph).filter((g) => g.id !== id));

/** The next free default name, "Group 1", "Group 2", … */
export function nextGroupName(graph: Graph): string {
  const names = new Set(groupsOf(graph).map((g) => g.name));
  let k = 1;
  while (names.has(`Group ${k}`)) k++;
  return `Group ${k}`;
}

/** A new, expanded group of these nodes, in graph order; they leave any group they were in. */
export const groupNodes = (ids: ReadonlySet<string>, name?: string) => (graph: Graph): Graph => {
  const members = graph.nodes.filter((n) => ids.has(n.id)).map((n) => n.id);
  if (members.length === 0) return graph;
  return withGroups(graph, addGroup(groupsOf(graph), name ?? nextGroupName(graph), members));
};

/** Move every member by the same offset: dragging a group's box drags its nodes. */
export function moveMembers(graph: Graph, members: readonly string[], delta: XY): Graph {
  if (delta.x === 0 && delta.y === 0) return graph;
  const set = new Set(members);
  return {
    ...graph,
    // A node not placed yet counts as at the origin, as the canvas draws it.
    nodes: graph.nodes.map((n) => (set.has(n.id)
      ? { ...n, position: { x: Math.round((n.position?.x ?? 0) + delta.x), y: Math.round((n.position?.y ?? 0) + delta.y) } }
      : n)),
  };
}
