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

/**
 * Why `wire` cannot be added, or null when it can. Checks, in order: self-loop, cycle, a target without
 * inputs, an input port already fed, and then the shapes — the target's shape rule is run on the
 * hypothetical inputs (the current shapes with the new one in its port), which is what analyzeGraph
 * would conclude for that node, at the cost of one rule instead of a whole analysis per candidate.
 */
export function connectionProblem(graph: Graph, analysis: Analysis, wire: ProposedWire): string | null {
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
