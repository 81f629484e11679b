import type { Node } from '@xyflow/react';
import type { GraphGroup } from '../../core/graph/groups';
import type { Graph, GraphNode } from '../../core/graph/schema';
import { getNodeKind } from '../../core/catalog';
import { ACTIVATIONS } from '../../core/catalog/activations';
import type { FlowEdge, FlowNode, Size } from '../state/flow-convert';
import { DEFAULT_NODE_SIZE } from '../state/layout';
import type { XY } from '../state/graph-edit';

/**
 * How groups change what the canvas draws. A collapsed group is one box in place of its members:
 * edges that cross its border are drawn to the box (one port per inner node and port they reach),
 * edges inside it are not drawn. An expanded group is a frame behind its members with the group's
 * title and buttons. Only the drawing changes: the graph's nodes and edges stay as they are.
 */
export const GROUP_NODE_TYPE = 'nlgroup';
const PREFIX = 'group:';
export const groupFlowId = (groupId: string): string => `${PREFIX}${groupId}`;
export const groupIdOf = (flowId: string): string | null => (flowId.startsWith(PREFIX) ? flowId.slice(PREFIX.length) : null);

/** Room around the members inside an expanded group's frame, and its title bar. */
const PAD = 10;
const HEAD = 30;
export const GROUP_FRAME = { pad: PAD, head: HEAD };

export interface GroupPort {
  id: string;
  label: string;
}

export type GroupViewData = {
  groupId: string;
  name: string;
  count: number;
  collapsed: boolean;
  inputs: GroupPort[];
  outputs: GroupPort[];
};

export type GroupFlowNode = Node<GroupViewData, typeof GROUP_NODE_TYPE>;
export type CanvasNode = FlowNode | GroupFlowNode;

interface Box {
  position: XY;
  size?: Size;
}

/** Where a group is drawn; a function of its members' positions that moves with them. */
export function groupBox(graph: Graph, group: GraphGroup, sizes: ReadonlyMap<string, Size>): Box {
  const members = new Set(group.nodes);
  let minX = Infinity, minY = Infinity, maxY = -Infinity, right = -Infinity, bottom = -Infinity;
  for (const n of graph.nodes) {
    if (!members.has(n.id)) continue;
    const p = n.position ?? { x: 0, y: 0 };
    const s = sizes.get(n.id) ?? DEFAULT_NODE_SIZE;
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
    right = Math.max(right, p.x + s.width);
    bottom = Math.max(bottom, p.y + s.height);
  }
  if (!Number.isFinite(minX)) return { position: { x: 0, y: 0 } };
  if (group.collapsed) return { position: { x: minX, y: Math.round((minY + maxY) / 2) } };
  return {
    position: { x: minX - PAD, y: minY - PAD - HEAD },
    size: { width: right - minX + 2 * PAD, height: bottom - minY + 2 * PAD + HEAD },
  };
}

/** Member → group, for the collapsed groups only (the ones that hide their members). */
export function collapsedOwners(groups: readonly GraphGroup[]): Map<string, string> {
  const owner = new Map<string, string>();
  for (const g of groups) if (g.collapsed) for (const id of g.nodes) owner.set(id, g.id);
  return owner;
}

const inPort = (node: string, handle: string | null | undefined) => `in:${node}:${handle ?? ''}`;
const outPort = (node: string, handle: string | null | undefined) => `out:${node}:${handle ?? ''}`;

/** The canvas's edges with those touching a collapsed group drawn to its box (same ids, so selection works). */
export function groupEdges(edges: readonly FlowEdge[], groups: readonly GraphGroup[]): FlowEdge[] {
  const owner = collapsedOwners(groups);
  if (owner.size === 0) return edges as FlowEdge[];
  const out: FlowEdge[] = [];
  for (const e of edges) {
    const src = owner.get(e.source);
    const tgt = owner.get(e.target);
    if (src === undefined && tgt === undefined) {
      out.push(e);
      continue;
    }
    if (src !== undefined && src === tgt) continue;
    out.push({
      ...e,
      ...(src !== undefined ? { source: groupFlowId(src), sourceHandle: outPort(e.source, e.sourceHandle) } : {}),
      ...(tgt !== undefined ? { target: groupFlowId(tgt), targetHandle: inPort(e.target, e.targetHandle) } : {}),
      className: 'nl-grp-edge',
    });
  }
  return out;
}

/** The ports a collapsed group shows: one per inner node (and port) that an outside edge reaches. */
function borderPorts(byId: ReadonlyMap<string, GraphNode>, group: GraphGroup, edges: readonly FlowEdge[]): { inputs: GroupPort[]; outputs: GroupPort[] } {
  const members = new Set(group.nodes);
  const inputs = new Map<string, GroupPort>();
  const outputs = new Map<string, GroupPort>();
  for (const e of edges) {
    const fromIn = members.has(e.source);
    const toIn = members.has(e.target);
    if (fromIn === toIn) continue;
    if (toIn) {
      const id = inPort(e.target, e.targetHandle);
      if (!inputs.has(id)) inputs.set(id, { id, label: portLabel(byId, e.target, e.targetHandle) });
    } else {
      const id = outPort(e.source, e.sourceHandle);
      if (!outputs.has(id)) outputs.set(id, { id, label: portLabel(byId, e.source, null) });
    }
  }
  return { inputs: [...inputs.values()], outputs: [...outputs.values()] };
}

/** The inner node's name as its own box shows it, and the port when the node has several. */
function portLabel(byId: ReadonlyMap<string, GraphNode>, node: string, handle: string | null | undefined): string {
  const n = byId.get(node);
  if (!n) return node;
  const kind = getNodeKind(n.type);
  const fn = n.type === 'Activation' && typeof n.params.fn === 'string' ? ACTIVATIONS[n.params.fn]?.title : undefined;
  const title = n.label ?? fn ?? kind?.title ?? n.type;
  return handle && (kind?.inputs.length ?? 1) > 1 ? `${title} · ${handle}` : title;
}

/**
 * Builds the group boxes, reusing each one's data object while it is unchanged so the memo()'d
 * group component re-renders only when its title, count, state or ports change.
 */
export function createGroupNodeBuilder() {
  let cache = new Map<string, { key: string; data: GroupViewData }>();
  return function build(graph: Graph, groups: readonly GraphGroup[], edges: readonly FlowEdge[], sizes: ReadonlyMap<string, Size>): GroupFlowNode[] {
    const next = new Map<string, { key: string; data: GroupViewData }>();
    const byId = groups.some((g) => g.collapsed) ? new Map(graph.nodes.map((n) => [n.id, n])) : new Map<string, GraphNode>();
    const out = groups.map((g): GroupFlowNode => {
      const ports = g.collapsed ? borderPorts(byId, g, edges) : { inputs: [], outputs: [] };
      const fresh: GroupViewData = { groupId: g.id, name: g.name, count: g.nodes.length, collapsed: g.collapsed, ...ports };
      const key = JSON.stringify(fresh);
      const old = cache.get(g.id);
      const data = old && old.key === key ? old.data : fresh;
      next.set(g.id, { key, data });
      const box = groupBox(graph, g, sizes);
      return {
        id: groupFlowId(g.id),
        type: GROUP_NODE_TYPE,
        position: box.position,
        data,
        selectable: false,
        connectable: false,
        ...(box.size ? { width: box.size.width, height: box.size.height, className: 'nl-grp-frame-wrap' } : {}),
      };
    });
    cache = next;
    return out;
  };
}
