import {
  Background, BackgroundVariant, Controls, MiniMap, ReactFlow, useReactFlow,
  type Connection, type EdgeChange, type IsValidConnection, type NodeChange, type OnConnectEnd, type OnConnectStart,
} from '@xyflow/react';
import { MINIMAP_MIN_CANVAS } from '../app/fit';
import { collides, firstFreeSpot } from '../state/placement';
import { ShapeEdge } from './ShapeEdge';
import { suggestWireFix, type WireFix } from '../state/wire-fix';
import { nodeTitle } from './problem-words';
import { getNodeKind } from '../../core/catalog';
import { DEFAULT_NODE_SIZE } from '../state/layout';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type MouseEvent } from 'react';
import { canvasCursor } from '../app/cursor';
import { useDoc, useServices, useValue } from '../app/context';
import { useAnalysis } from '../hooks/useAnalysis';
import { connectionProblem, connectionTargets } from '../state/connect-check';
import { createFlowBuilder, type Selection } from '../state/flow-cache';
import type { FlowEdge, FlowNode, Size } from '../state/flow-convert';
import { addNode, connect, moveNodes, type XY } from '../state/graph-edit';
import { decodeDrag, DRAG_MIME } from '../state/palette-items';
import { NodeView } from './NodeView';
import { measuredSizes } from '../app/measured';
import { GroupNode } from '../groups/GroupNode';
import { GroupBar } from '../groups/GroupBar';
import { useGroupedFlow } from '../groups/useGroupedFlow';
import { groupDrag } from '../groups/group-drag';
import { GROUP_NODE_TYPE, groupIdOf, type CanvasNode } from '../groups/group-view';
import { makeRoom } from '../state/make-room';
import { useDocumentFraming } from './useDocumentFraming';
import './Canvas.css';

// Module scope, as xyflow asks: a new object per render would remount every node.
const nodeTypes = { netloom: NodeView, [GROUP_NODE_TYPE]: GroupNode };
const edgeTypes = { shape: ShapeEdge };
const CATEGORY_COLOURS: Record<string, string> = { data: '#0369a1', layer: '#6d28d9', activation: '#b45309', output: '#047857' };

export function Canvas() {
  const { store, ui, connecting } = useServices();
  const graph = useDoc((s) => s.graph);
  const selection = useDoc((s) => s.selection);
  const generation = useDoc((s) => s.generation);
  const minimap = useValue(ui, (u) => u.minimap);
  const analysis = useAnalysis();
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const builder = useRef(createFlowBuilder()).current;
  const [measured, setMeasured] = useState<ReadonlyMap<string, Size>>(() => new Map());
  const analysisRef = useRef(analysis);
  analysisRef.current = analysis;

  const nodes = useMemo(() => builder.nodes(graph, analysis, selection, measured), [builder, graph, analysis, selection, measured]);
  const edges = useMemo(() => builder.edges(graph, analysis, selection), [builder, graph, analysis, selection]);
  // Groups are a view: collapsed members are drawn as one box, their edges rerouted to it.
  const shown = useGroupedFlow(graph, nodes, edges, measured);
  const measuredRef = useRef(measured);
  measuredRef.current = measured;

  // Sizes measured in this document, to tell a node that grew from one measured for the first time.
  const sizesSeen = useRef({ generation, sizes: new Map<string, Size>() });
  if (sizesSeen.current.generation !== generation) sizesSeen.current = { generation, sizes: new Map() };

  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    const positions = new Map<string, XY>();
    const sizes: [string, Size][] = [];
    let sel: Set<string> | null = null;
    const groupMoves = new Map<string, XY>();
    for (const c of changes) {
      const groupId = 'id' in c ? groupIdOf(c.id) : null;
      if (groupId !== null) {
        if (c.type === 'position' && c.position) groupMoves.set(groupId, c.position);
        continue;
      }
      if (c.type === 'position' && c.position) positions.set(c.id, c.position);
      else if (c.type === 'dimensions' && c.dimensions) sizes.push([c.id, c.dimensions]);
      else if (c.type === 'select') {
        sel ??= new Set(store.getState().selection.nodes);
        if (c.selected) sel.add(c.id);
        else sel.delete(c.id);
      }
    }
    if (positions.size > 0) store.edit((g) => moveNodes(g, positions));
    if (groupMoves.size > 0) store.edit(groupDrag(groupMoves, measuredRef.current));
    if (sel) store.select({ nodes: sel, edges: store.getState().selection.edges });
    if (sizes.length > 0) {
      const seen = sizesSeen.current.sizes;
      const grown = new Map<string, Size>();
      for (const [id, s] of sizes) {
        const before = seen.get(id);
        if (before && (s.width > before.width + 0.5 || s.height > before.height + 0.5)) grown.set(id, before);
        seen.set(id, s);
        measuredSizes.set(id, s);
      }
      // A node that grew (an error badge, a longer shape, a live preview) moves its neighbours aside.
      if (grown.size > 0) {
        const room = makeRoom(store.getState().graph, seen, grown);
        if (room.size > 0) store.amend((g) => moveNodes(g, room));
      }
      setMeasured((prev) => {
        const next = new Map(prev);
        for (const [id, s] of sizes) next.set(id, s);
        return next;
      });
    }
  }, [store]);

  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => {
    let sel: Set<string> | null = null;
    for (const c of changes) {
      if (c.type !== 'select') continue;
      sel ??= new Set(store.getState().selection.edges);
      if (c.selected) sel.add(c.id);
      else sel.delete(c.id);
    }
    if (sel) store.select({ nodes: store.getState().selection.nodes, edges: sel });
  }, [store]);

  const onConnect = useCallback((c: Connection) => {
    store.edit((g) => connect(g, c).graph);
  }, [store]);

  const isValidConnection: IsValidConnection<FlowEdge> = useCallback(
    (c) => connectionProblem(store.getState().graph, analysisRef.current, c) === null,
    [store],
  );

  const onConnectStart: OnConnectStart = useCallback((_e, p) => {
    setRefusal(null);
    if (p.nodeId && p.handleType === 'source') connecting.set(connectionTargets(store.getState().graph, analysisRef.current, p.nodeId));
  }, [store, connecting]);
  // A wire dropped on a port that refuses it: the reason (and a one-click fix, when a small change
  // makes it fit) stays on screen after the drag, instead of vanishing with it.
  const [refusal, setRefusal] = useState<{ text: string; fix: WireFix | null } | null>(null);
  const onConnectEnd: OnConnectEnd = useCallback((e, state) => {
    connecting.set(null);
    const from = state.fromNode?.id;
    if (!from || state.isValid) return;
    // xyflow names the target only for a valid drop: otherwise, find what is under the pointer.
    const pt = 'changedTouches' in e ? e.changedTouches[0] : e;
    const under = pt ? document.elementFromPoint(pt.clientX, pt.clientY) : null;
    const to = state.toNode?.id ?? under?.closest<HTMLElement>('.react-flow__node')?.dataset.id;
    if (!to) return;
    const handle = state.toHandle?.id ?? under?.closest<HTMLElement>('.react-flow__handle.target')?.dataset.handleid;
    const g = store.getState().graph;
    const targetKind = getNodeKind(g.nodes.find((n) => n.id === to)?.type ?? '');
    const wire = { source: from, sourceHandle: state.fromHandle?.id ?? null, target: to, targetHandle: handle ?? targetKind?.inputs[0]?.name ?? null };
    const reason = connectionProblem(g, analysisRef.current, wire);
    if (reason) setRefusal({ text: `${nodeTitle(g, from)} → ${nodeTitle(g, to)} refused: ${reason}`, fix: suggestWireFix(g, wire) });
  }, [connecting, store]);

  // Drags: everything between start and stop is one undo entry.
  const beginGesture = useCallback(() => store.beginGesture(), [store]);
  const endGesture = useCallback(() => store.endGesture(), [store]);

  // The minimap only where it has room: on a small canvas it would hide the graph itself.
  const box = useRef<HTMLDivElement>(null);
  const onMoveStart = useDocumentFraming(box, generation, store);
  const [roomy, setRoomy] = useState(true);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setRoomy(el.clientWidth >= MINIMAP_MIN_CANVAS.width && el.clientHeight >= MINIMAP_MIN_CANVAS.height));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(DRAG_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback((e: DragEvent) => {
    const item = decodeDrag(e.dataTransfer.getData(DRAG_MIME));
    if (!item) return;
    e.preventDefault();
    const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    const wanted = { x: at.x - 80, y: at.y - 30 };
    let id = '';
    store.edit((g) => {
      // Where it was dropped — unless that is on top of another node: then the nearest free spot.
      const placed = collides(g, wanted, DEFAULT_NODE_SIZE, measuredSizes, 0) ? firstFreeSpot(g, wanted, measuredSizes) : wanted;
      const r = addNode(g, { type: item.type, params: item.params, position: placed });
      id = r.id;
      return r.graph;
    });
    store.select({ nodes: new Set([id]), edges: new Set() });
  }, [flow, store]);

  const onMouseMove = useCallback((e: MouseEvent) => {
    canvasCursor.flow = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
  }, [flow]);

  // Double-click on empty canvas: quick-add search at the cursor.
  const onDoubleClick = useCallback((e: MouseEvent) => {
    if (!(e.target as HTMLElement).classList.contains('react-flow__pane')) return;
    ui.set((u) => ({ ...u, quickAdd: { screen: { x: e.clientX, y: e.clientY }, flow: flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }) } }));
  }, [flow, ui]);

  const onPaneClick = useCallback(() => {
    const s = store.getState().selection;
    if (s.nodes.size > 0 || s.edges.size > 0) store.select(EMPTY);
  }, [store]);

  return (
    <div className="nl-canvas" data-testid="canvas" ref={box} onDragOver={onDragOver} onDrop={onDrop} onMouseMove={onMouseMove} onDoubleClick={onDoubleClick}>
      <ReactFlow<CanvasNode, FlowEdge>
        nodes={shown.nodes}
        edges={shown.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={{ type: 'shape' }}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onConnectStart={onConnectStart}
        onConnectEnd={onConnectEnd}
        onNodeDragStart={beginGesture}
        onNodeDragStop={endGesture}
        onSelectionDragStart={beginGesture}
        onSelectionDragStop={endGesture}
        onPaneClick={onPaneClick}
        onMoveStart={onMoveStart}
        deleteKeyCode={null}
        zoomOnDoubleClick={false}
        minZoom={0.1}
        maxZoom={2.5}
        proOptions={{ hideAttribution: true }}
        onlyRenderVisibleElements={graph.nodes.length > BIG_GRAPH}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} />
        <Controls showInteractive={false} />
        {minimap && roomy && <MiniMap position="top-right" style={{ width: 120, height: 76 }} ariaLabel="Minimap" pannable zoomable nodeColor={(n) => CATEGORY_COLOURS[(n.data as FlowNode['data']).category] ?? '#64748b'} />}
      </ReactFlow>
      <GroupBar groups={shown.groups} />
      {refusal && (
        <div className="nl-wire-refused" data-testid="wire-refused" role="alert">
          <span>{refusal.text}</span>
          {refusal.fix && (
            <button type="button" className="nl-btn primary" data-testid="wire-fix" onClick={() => {
              const fix = refusal.fix!;
              store.edit((g) => fix.apply(g));
              setRefusal(null);
            }}>{refusal.fix.label}</button>
          )}
          <button type="button" className="nl-btn" aria-label="Dismiss" onClick={() => setRefusal(null)}>×</button>
        </div>
      )}
      {graph.nodes.length === 0 && (
        <div className="nl-canvas-empty">
          <strong>Start building</strong>
          <span>Drag blocks from the palette, double-click a palette item, or double-click here to search.</span>
          <span>Or pick a template from <em>New from template</em>.</span>
        </div>
      )}
    </div>
  );
}

const EMPTY: Selection = { nodes: new Set(), edges: new Set() };
/**
 * Above this many nodes only what is on screen is rendered, so panning a big model stays smooth (a
 * 600-node import: pan p95 50 ms instead of 167 ms, docs/perf.md). Up to 300, rendering every node
 * still pans at a median of 60 fps (the 300-node perf spec).
 */
const BIG_GRAPH = 300;
