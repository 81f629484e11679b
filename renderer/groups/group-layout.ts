import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { GraphGroup } from '../../core/graph/groups';
import type { XY } from '../state/graph-edit';
import { GROUP_FRAME, groupFlowId } from './group-view';

/** Room ELK leaves for a collapsed group's box (its real size depends on its ports; this is typical). */
const BOX = { width: 230, height: 90 };

/**
 * Auto-layout of a graph with groups, laid out as the canvas shows it: an expanded group is a
 * compound node (its frame gets room of its own, so it never lands on a neighbour), a collapsed group
 * is one box-sized node, and its members are laid out on their own and placed where the box is (the
 * box's place is computed from theirs), ready to be expanded. `flat` is the layout of the plain graph:
 * one leaf per node, edges between their ports.
 */
export async function layoutWithGroups(
  flat: ElkNode, groups: readonly GraphGroup[], run: (root: ElkNode) => Promise<ElkNode>,
): Promise<Map<string, XY>> {
  const leaves = new Map((flat.children ?? []).map((c) => [c.id, c]));
  // ELK 0.12's model-order comparator fails on compound graphs (hierarchy included): left out here.
  const { 'elk.layered.considerModelOrder.strategy': _order, ...options } = flat.layoutOptions ?? {};
  const ownerOfPort = new Map<string, string>();
  for (const c of leaves.values()) {
    ownerOfPort.set(c.id, c.id);
    for (const p of c.ports ?? []) ownerOfPort.set(p.id, c.id);
  }
  const groupOf = new Map<string, GraphGroup>();
  for (const g of groups) for (const id of g.nodes) if (leaves.has(id)) groupOf.set(id, g);

  const children: ElkNode[] = [];
  const placed = new Set<string>();
  for (const c of leaves.values()) {
    const g = groupOf.get(c.id);
    if (!g) children.push(c);
    else if (!placed.has(g.id)) {
      placed.add(g.id);
      const members = g.nodes.map((id) => leaves.get(id)).filter((m): m is ElkNode => m !== undefined);
      children.push(g.collapsed
        ? { id: groupFlowId(g.id), ...BOX }
        : {
          id: groupFlowId(g.id),
          children: members,
          layoutOptions: { ...options, 'elk.padding': `[top=${GROUP_FRAME.pad + GROUP_FRAME.head},left=${GROUP_FRAME.pad},bottom=${GROUP_FRAME.pad},right=${GROUP_FRAME.pad}]` },
        });
    }
  }
  const owner = (end: string) => ownerOfPort.get(end) ?? end;
  const collapsedOf = (end: string) => {
    const g = groupOf.get(owner(end));
    return g?.collapsed ? g : undefined;
  };
  const outer: ElkExtendedEdge[] = [];
  const inner = new Map<string, ElkExtendedEdge[]>();
  for (const e of (flat.edges ?? []) as ElkExtendedEdge[]) {
    const s = collapsedOf(e.sources[0]!);
    const t = collapsedOf(e.targets[0]!);
    if (s && s === t) inner.set(s.id, [...(inner.get(s.id) ?? []), e]);
    else outer.push({ ...e, sources: [s ? groupFlowId(s.id) : e.sources[0]!], targets: [t ? groupFlowId(t.id) : e.targets[0]!] });
  }
  const root: ElkNode = {
    ...flat,
    layoutOptions: { ...options, 'elk.hierarchyHandling': 'INCLUDE_CHILDREN' },
    children,
    edges: outer,
  };
  const out = await run(root);
  const positions = new Map<string, XY>();
  const boxes = new Map<string, XY>();
  for (const c of out.children ?? []) {
    const at = { x: c.x ?? 0, y: c.y ?? 0 };
    if (c.children?.length) for (const m of c.children) positions.set(m.id, { x: Math.round(at.x + (m.x ?? 0)), y: Math.round(at.y + (m.y ?? 0)) });
    else if (leaves.has(c.id)) positions.set(c.id, { x: Math.round(at.x), y: Math.round(at.y) });
    else boxes.set(c.id, at);
  }
  // The collapsed groups' members, each group laid out as a small graph of its own (one ELK call for
  // all of them: a compound node per group) and moved under its box.
  const shut = groups.filter((g) => g.collapsed && boxes.has(groupFlowId(g.id)));
  if (shut.length === 0) return positions;
  const sub = await run({
    id: '__collapsed',
    layoutOptions: options,
    children: shut.map((g) => ({
      id: groupFlowId(g.id),
      layoutOptions: options,
      children: g.nodes.map((id) => leaves.get(id)).filter((m): m is ElkNode => m !== undefined),
      edges: inner.get(g.id) ?? [],
    })),
  });
  for (const c of sub.children ?? []) {
    const box = boxes.get(c.id)!;
    const ps = (c.children ?? []).map((m) => ({ id: m.id, x: m.x ?? 0, y: m.y ?? 0 }));
    if (ps.length === 0) continue;
    const minX = Math.min(...ps.map((p) => p.x));
    const midY = (Math.min(...ps.map((p) => p.y)) + Math.max(...ps.map((p) => p.y))) / 2;
    for (const p of ps) positions.set(p.id, { x: Math.round(box.x + p.x - minX), y: Math.round(box.y + p.y - midY) });
  }
  return positions;
}
