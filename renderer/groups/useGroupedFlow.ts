import { useMemo, useRef } from 'react';
import type { GraphGroup } from '../../core/graph/groups';
import { GROUPS_FIELD } from '../../core/graph/groups';
import type { Graph } from '../../core/graph/schema';
import type { FlowEdge, FlowNode, Size } from '../state/flow-convert';
import { groupsOf } from './group-model';
import { collapsedOwners, createGroupNodeBuilder, groupEdges, type CanvasNode } from './group-view';

/**
 * The canvas's nodes and edges as the groups show them: collapsed members left out and a box in their
 * place, a frame around each expanded group, edges rerouted. Without groups the arrays pass
 * through untouched, so a graph with no groups costs nothing extra.
 */
export function useGroupedFlow(graph: Graph, nodes: FlowNode[], edges: FlowEdge[], measured: ReadonlyMap<string, Size>): { nodes: CanvasNode[]; edges: FlowEdge[]; groups: GraphGroup[] } {
  const raw = graph[GROUPS_FIELD];
  // Groups change rarely; a drag changes only positions. Re-read them when the field or the node count
  // changes (a deletion prunes the field), and keep the previous list while its content is the same.
  const groupsKeyed = useMemo(() => {
    const groups = raw === undefined ? [] : groupsOf(graph);
    return { groups, key: JSON.stringify(groups) };
  }, [raw, graph.nodes.length]);
  const stable = useRef(groupsKeyed);
  if (stable.current.key !== groupsKeyed.key) stable.current = groupsKeyed;
  const groups = stable.current.groups;
  const build = useRef(createGroupNodeBuilder()).current;
  const shownEdges = useMemo(() => groupEdges(edges, groups), [edges, groups]);
  const shownNodes = useMemo(() => {
    if (groups.length === 0) return nodes;
    const owner = collapsedOwners(groups);
    const boxes = build(graph, groups, edges, measured);
    const frames = boxes.filter((b) => !b.data.collapsed);
    const collapsed = boxes.filter((b) => b.data.collapsed);
    // Frames after the nodes, so their title bars are never hidden under a neighbouring node; their
    // bodies are clear and let the pointer through (groups.css).
    return [...nodes.filter((n) => !owner.has(n.id)), ...frames, ...collapsed];
  }, [build, graph, groups, nodes, edges, measured]);
  return { nodes: shownNodes, edges: shownEdges, groups };
}
