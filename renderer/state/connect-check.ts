import { getNodeKind } from '../../core/catalog';
import { analyzeGraph, type Analysis } from '../../core/graph/analyze';
import type { Graph } from '../../core/graph/schema';
import type { Shape } from '../../core/util/tensor';
import { wouldCreateCycle } from './cycle';

export interface ProposedWire {
  source: string;
  sourceHandle?: string | null;
  target: string;
  targetHandle?: string | null;
}

/**
 * Why `wire` cannot be added, or null when it can. Checks, in order: self-loop, cycle, a target without
 * inputs, an input port already fed, and then the shapes — the target's shape rule is run on the
 * hypothetical inputs (the current shapes with the new one in its port), which is what analyzeGraph
 * would conclude for that node, at the cost of one rule instead of a whole analysis per candidate.
 */
export function connectionProblem(graph: Graph, analysis: Analysis, wire: ProposedWire): string | null {
  return localProblem(graph, analysis, wire) ?? downstreamProblem(graph, analysis, wire);
}

/** Graphs up to this size also get the whole-graph check below (it analyses once per candidate port). */
const DOWNSTREAM_CHECK_MAX_NODES = 40;
const SHAPE_CODES = new Set(['shape-mismatch', 'loss-target']);

/**
 * The same answer whatever order the graph is wired in: a wire that fits its own port but makes a
 * node further on fail (Dense 8 → Sigmoid when Sigmoid already feeds a Loss that needs 1 value) is
 * refused with that node's reason, just as the last wire would be if it were drawn last.
 */
function downstreamProblem(graph: Graph, analysis: Analysis, wire: ProposedWire): string | null {
  if (graph.nodes.length > DOWNSTREAM_CHECK_MAX_NODES) return null;
  const edge = { id: '\u0000proposed', source: wire.source, target: wire.target, ...(wire.sourceHandle ? { sourceHandle: wire.sourceHandle } : {}), ...(wire.targetHandle ? { targetHandle: wire.targetHandle } : {}) };
  const after = analyzeGraph({ ...graph, edges: [...graph.edges, edge] });
  const before = new Set(analysis.problems.filter((p) => SHAPE_CODES.has(p.code)).map((p) => `${p.nodeId}|${p.message}`));
  const broken = after.problems.find((p) => p.severity === 'error' && SHAPE_CODES.has(p.code) && !before.has(`${p.nodeId}|${p.message}`));
  if (!broken) return null;
  const node = graph.nodes.find((n) => n.id === broken.nodeId);
  const title = node ? (node.label ?? getNodeKind(node.type)?.title ?? node.type) : 'a node further on';
  return `it would make ${title} fail: ${broken.message}`;
}

function localProblem(graph: Graph, analysis: Analysis, wire: ProposedWire): string | null {
  if (wire.source === wire.target) return 'a node cannot feed itself';
  const target = graph.nodes.find((n) => n.id === wire.target);
  const source = graph.nodes.find((n) => n.id === wire.source);
  if (!target || !source) return 'no such node';
  const kind = getNodeKind(target.type);
  if (!kind) return `unknown node type ${target.type}`;
  if (kind.inputs.length === 0) return `${kind.title} has no inputs`;
  if (wouldCreateCycle(graph.edges, wire.source, wire.target)) return 'this would make a cycle; a network must flow one way';
  const port = wire.targetHandle ? kind.inputs.findIndex((p) => p.name === wire.targetHandle) : 0;
  if (port < 0) return `${kind.title} has no input ${wire.targetHandle}`;
  const portName = kind.inputs[port]!.name;
  const taken = graph.edges.some((e) => e.target === wire.target && (e.targetHandle ?? kind.inputs[0]!.name) === portName);
  if (taken) return `input "${portName}" is already connected; delete that edge first`;

  const sourceShape = analysis.shapes.get(wire.source);
  const params = analysis.params.get(wire.target);
  const dataset = analysis.dataset?.info;
  if (!sourceShape || !params || !dataset) return null; // not enough known to judge: allow, analysis will tell
  const slots = analysis.structure.inputsOf.get(wire.target) ?? [];
  const inputs: Shape[] = [];
  for (let p = 0; p < kind.inputs.length; p++) {
    const shape = p === port ? sourceShape : slots[p] ? analysis.shapes.get(slots[p]!.source) : undefined;
    if (!shape) return null; // another port still open: the pairing cannot be judged yet
    inputs.push(shape);
  }
  const r = kind.inferShape({ params, inputs, dataset });
  return r.ok ? null : `${kind.title} ${r.message}`;
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
