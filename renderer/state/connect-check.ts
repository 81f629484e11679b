import { getNodeKind } from '../../core/catalog';
import type { Analysis } from '../../core/graph/analyze';
import type { Graph } from '../../core/graph/schema';
import type { Shape } from '../../core/util/tensor';
import { wouldCreateCycle } from './cycle';

export interface ProposedWire {
  source: string;
  sourceHandle?: string | null;
  target: string;
  targetHandle?: string | null;
}

/** A refused wire: the sentence shown, and for a shape refusal the node that would fail and why. */
export interface Refusal {
  text: string;
  /** The node whose shape rule fails with the wire in place (the target, or a node further on). */
  nodeId?: string;
  /** That rule's own message. */
  message?: string;
}

/** Why `wire` cannot be added, or null when it can. */
export function connectionProblem(graph: Graph, analysis: Analysis, wire: ProposedWire): string | null {
  return connectionRefusal(graph, analysis, wire)?.text ?? null;
}

const SHAPE_CODES = new Set(['shape-mismatch', 'loss-target']);

/**
 * Checks, in order: self-loop, a missing node, a target without inputs, a cycle, a port already fed,
 * then the shapes. The shape verdict depends only on the graph the wire would make, never on the order
 * it was wired in: the new input's shape is pushed through the target and everything downstream of it
 * (the only nodes whose shapes can change), with the same shape rules the analysis runs, and the wire
 * is refused when some node there would fail that does not fail now — Dense 8 → Sigmoid is refused
 * when the Sigmoid already feeds a Loss that needs 1 value, just as the Loss wire is when drawn last.
 * Cost: one rule per downstream node, so it holds at any graph size.
 */
export function connectionRefusal(graph: Graph, analysis: Analysis, wire: ProposedWire): Refusal | null {
  const local = structuralProblem(graph, wire);
  if (local) return { text: local };
  return shapeRefusal(graph, analysis, wire);
}

function structuralProblem(graph: Graph, wire: ProposedWire): string | null {
  if (wire.source === wire.target) return 'a node cannot feed itself';
  const target = graph.nodes.find((n) => n.id === wire.target);
  const source = graph.nodes.find((n) => n.id === wire.source);
  if (!target || !source) return 'no such node';
  const kind = getNodeKind(target.type);
  if (!kind) return `unknown node type ${target.type}`;
  if (kind.inputs.length === 0) return `${kind.title} has no inputs`;
  if (wouldCreateCycle(graph.edges, wire.source, wire.target)) return 'this would make a cycle; a network must flow one way';
  const port = portIndex(kind.inputs, wire.targetHandle);
  if (port < 0) return `${kind.title} has no input ${wire.targetHandle}`;
  const portName = kind.inputs[port]!.name;
  const taken = graph.edges.some((e) => e.target === wire.target && (e.targetHandle ?? kind.inputs[0]!.name) === portName);
  if (taken) return `input "${portName}" is already connected; delete that edge first`;
  return null;
}

const portIndex = (inputs: readonly { name: string }[], handle: string | null | undefined) =>
  handle ? inputs.findIndex((p) => p.name === handle) : 0;

function shapeRefusal(graph: Graph, analysis: Analysis, wire: ProposedWire): Refusal | null {
  const s = analysis.structure;
  const sourceShape = analysis.shapes.get(wire.source);
  const dataset = analysis.dataset?.info;
  // Not enough known to judge (no shape upstream, no dataset, a cycle): allow; the analysis will tell.
  if (!sourceShape || !dataset || !s.order) return null;
  const affected = downstreamOf(s.consumersOf, wire.target);
  const failing = new Set(analysis.problems.filter((p) => SHAPE_CODES.has(p.code) && p.nodeId).map((p) => p.nodeId!));
  const shapes = new Map<string, Shape>();
  const shapeOf = (id: string) => (affected.has(id) ? shapes.get(id) : analysis.shapes.get(id));
  // The current topological order stays valid for these nodes: the new edge comes from outside them.
  for (const id of s.order) {
    if (!affected.has(id)) continue;
    const kind = s.kinds.get(id);
    const params = analysis.params.get(id);
    const slots = s.inputsOf.get(id);
    if (!kind || !params || !slots) continue;
    const port = id === wire.target ? portIndex(kind.inputs, wire.targetHandle) : -1;
    const inputs: Shape[] = [];
    for (let p = 0; p < kind.inputs.length; p++) {
      const shape = p === port ? sourceShape : slots[p] ? shapeOf(slots[p]!.source) : undefined;
      if (!shape) break;
      inputs.push(shape);
    }
    // Another port still open: this node (and what follows from it) cannot be judged yet.
    if (inputs.length !== kind.inputs.length) continue;
    const r = kind.inferShape({ params, inputs, dataset });
    if (r.ok) {
      shapes.set(id, r.shape);
      continue;
    }
    if (failing.has(id)) continue; // already failing before this wire: not this wire's doing
    const node = graph.nodes.find((n) => n.id === id);
    const title = node?.label ?? kind.title;
    const text = id === wire.target ? `${title} ${r.message}` : `it would make ${title} fail: ${r.message}`;
    return { text, nodeId: id, message: r.message };
  }
  return null;
}

/** `start` and every node reachable from it. */
function downstreamOf(consumersOf: Analysis['structure']['consumersOf'], start: string): Set<string> {
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length > 0) {
    for (const { target } of consumersOf.get(stack.pop()!) ?? []) {
      if (!seen.has(target)) {
        seen.add(target);
        stack.push(target);
      }
    }
  }
  return seen;
}

/** Every target port a drag from `source` could reach, with the reason it is refused (null = fine). */
export function connectionTargets(graph: Graph, analysis: Analysis, source: string): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const node of graph.nodes) {
    const kind = getNodeKind(node.type);
    for (const port of kind?.inputs ?? []) {
      out.set(`${node.id}#${port.name}`, connectionProblem(graph, analysis, { source, target: node.id, targetHandle: port.name }));
    }
  }
  return out;
}
