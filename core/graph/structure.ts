import { getNodeKind, NODE_KIND_LIST } from '../catalog';
import type { NodeKind } from '../catalog/types';
import type { Problem } from './problem';
import type { Graph, GraphEdge } from './schema';

/** One resolved connection: which output port of which node feeds which input port of which node. */
export interface Wire {
  edge: GraphEdge;
  edgeIndex: number;
  source: string;
  sourcePort: number;
  target: string;
  targetPort: number;
}

export interface Structure {
  kinds: Map<string, NodeKind>;
  indexOf: Map<string, number>;
  /** For each node, its input wires by port index (undefined = not connected). */
  inputsOf: Map<string, (Wire | undefined)[]>;
  consumersOf: Map<string, Wire[]>;
  /** Topological order, or null when there is a cycle. */
  order: string[] | null;
}

/**
 * Resolve node kinds, edges and ports, and order the nodes. Reports duplicate ids, unknown types,
 * dangling edges, bad handles, two edges into one port, unconnected ports and cycles.
 */
export function analyzeStructure(graph: Graph, problems: Problem[]): Structure {
  const kinds = new Map<string, NodeKind>();
  const indexOf = new Map<string, number>();
  graph.nodes.forEach((node, i) => {
    const at = { path: `nodes[${i}]`, nodeId: node.id, severity: 'error' as const };
    if (indexOf.has(node.id)) {
      problems.push({ ...at, code: 'duplicate-id', message: `duplicate node id, also used by nodes[${indexOf.get(node.id)}]` });
      return;
    }
    indexOf.set(node.id, i);
    const kind = getNodeKind(node.type);
    if (!kind) {
      problems.push({ ...at, code: 'unknown-type', message: `unknown node type ${JSON.stringify(node.type)}; known types: ${knownTypes()}` });
      return;
    }
    kinds.set(node.id, kind);
  });

  const inputsOf = new Map<string, (Wire | undefined)[]>();
  const consumersOf = new Map<string, Wire[]>();
  for (const [id, kind] of kinds) {
    inputsOf.set(id, new Array(kind.inputs.length).fill(undefined));
    consumersOf.set(id, []);
  }
  const edgeIds = new Map<string, number>();
  // Input slots an edge aims at but could not be wired into (its problem is already reported there).
  const aimedAt = new Set<string>();
  graph.edges.forEach((edge, i) => {
    const at = { path: `edges[${i}]`, edgeId: edge.id, severity: 'error' as const };
    if (edgeIds.has(edge.id)) {
      problems.push({ ...at, code: 'duplicate-id', message: `duplicate edge id, also used by edges[${edgeIds.get(edge.id)}]` });
    } else edgeIds.set(edge.id, i);
    const wire = resolveWire(edge, i, kinds, indexOf, problems);
    if (!wire) {
      const port = aimedPort(edge, kinds);
      if (port >= 0) aimedAt.add(`${edge.target}#${port}`);
      return;
    }
    const slots = inputsOf.get(wire.target)!;
    const taken = slots[wire.targetPort];
    if (taken) {
      const kind = kinds.get(wire.target)!;
      problems.push({
        ...at,
        code: 'port-taken',
        message: `second edge into input "${kind.inputs[wire.targetPort]!.name}" of "${wire.target}", which takes one (edge "${taken.edge.id}" already feeds it)`,
      });
      return;
    }
    slots[wire.targetPort] = wire;
    consumersOf.get(wire.source)!.push(wire);
  });

  for (const [id, kind] of kinds) {
    const slots = inputsOf.get(id)!;
    kind.inputs.forEach((port, p) => {
      if (!slots[p] && !aimedAt.has(`${id}#${p}`)) {
        problems.push({
          path: `nodes[${indexOf.get(id)}]`, nodeId: id, severity: 'error', code: 'unconnected',
          message: `input "${port.name}" of ${kind.type} is not connected`,
        });
      }
    });
  }
  const order = topoOrder(graph, kinds, inputsOf, consumersOf, indexOf, problems);
  return { kinds, indexOf, inputsOf, consumersOf, order };
}

function resolveWire(
  edge: GraphEdge, i: number, kinds: Map<string, NodeKind>, indexOf: Map<string, number>, problems: Problem[],
): Wire | null {
  const at = { path: `edges[${i}]`, edgeId: edge.id, severity: 'error' as const };
  let ok = true;
  for (const end of ['source', 'target'] as const) {
    const id = edge[end];
    if (!indexOf.has(id)) {
      problems.push({ ...at, path: `${at.path}.${end}`, code: 'dangling-edge', message: `${end} ${JSON.stringify(id)} is not a node in this graph` });
      ok = false;
    }
  }
  const src = kinds.get(edge.source);
  const dst = kinds.get(edge.target);
  if (!ok || !src || !dst) return null;
  const sourcePort = portIndex(src.outputs, edge.sourceHandle, 'sourceHandle', 'outputs', src, at, problems);
  const targetPort = portIndex(dst.inputs, edge.targetHandle, 'targetHandle', 'inputs', dst, at, problems);
  if (sourcePort < 0 || targetPort < 0) return null;
  return { edge, edgeIndex: i, source: edge.source, sourcePort, target: edge.target, targetPort };
}

/** The input port a broken edge was meant for, when its target and handle say so; -1 otherwise. */
function aimedPort(edge: GraphEdge, kinds: Map<string, NodeKind>): number {
  const inputs = kinds.get(edge.target)?.inputs ?? [];
  if (edge.targetHandle === undefined) return inputs.length === 1 ? 0 : -1;
  return inputs.findIndex((p) => p.name === edge.targetHandle);
}

function portIndex(
  ports: NodeKind['inputs'], handle: string | undefined, field: string, what: 'inputs' | 'outputs', kind: NodeKind,
  at: { path: string; edgeId: string; severity: 'error' }, problems: Problem[],
): number {
  const names = ports.map((p) => p.name);
  if (ports.length === 0) {
    problems.push({ ...at, code: 'no-port', message: `${kind.type} has no ${what}; an edge cannot ${what === 'inputs' ? 'end' : 'start'} there` });
    return -1;
  }
  if (handle === undefined) {
    if (ports.length === 1) return 0;
    problems.push({ ...at, path: `${at.path}.${field}`, code: 'handle-required', message: `${field} is required: ${kind.type} has ${what} ${names.join(', ')}` });
    return -1;
  }
  const p = names.indexOf(handle);
  if (p < 0) {
    problems.push({ ...at, path: `${at.path}.${field}`, code: 'unknown-port', message: `${kind.type} has no ${what === 'inputs' ? 'input' : 'output'} ${JSON.stringify(handle)} (it has ${names.join(', ')})` });
  }
  return p;
}

function topoOrder(
  graph: Graph, kinds: Map<string, NodeKind>, inputsOf: Map<string, (Wire | undefined)[]>,
  consumersOf: Map<string, Wire[]>, indexOf: Map<string, number>, problems: Problem[],
): string[] | null {
  const pending = new Map<string, number>();
  for (const [id, slots] of inputsOf) pending.set(id, slots.filter((w) => w && kinds.has(w.source)).length);
  // Stable: ready nodes are taken in file order, so the same graph always compiles to the same plan.
  const ready = graph.nodes.map((n) => n.id).filter((id) => pending.get(id) === 0);
  const order: string[] = [];
  const seen = new Set<string>();
  while (ready.length > 0) {
    const id = ready.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    order.push(id);
    for (const w of consumersOf.get(id) ?? []) {
      const left = pending.get(w.target)! - 1;
      pending.set(w.target, left);
      if (left === 0) ready.push(w.target);
    }
  }
  if (order.length === kinds.size) return order;
  const stuck = [...kinds.keys()].filter((id) => !seen.has(id));
  const cycle = findCycle(stuck, inputsOf);
  const first = cycle[0]!;
  problems.push({
    path: `nodes[${indexOf.get(first)}]`, nodeId: first, severity: 'error', code: 'cycle',
    message: `part of a cycle: ${[...cycle, first].map((c) => `"${c}"`).join(' → ')}; a network must flow one way`,
  });
  return null;
}

/** Walk backwards along inputs among the stuck nodes until a node repeats: that loop is a cycle. */
function findCycle(stuck: string[], inputsOf: Map<string, (Wire | undefined)[]>): string[] {
  const inStuck = new Set(stuck);
  const path: string[] = [];
  const pos = new Map<string, number>();
  let cur = stuck[0]!;
  while (!pos.has(cur)) {
    pos.set(cur, path.length);
    path.push(cur);
    const next = inputsOf.get(cur)!.find((w) => w && inStuck.has(w.source));
    if (!next) break;
    cur = next.source;
  }
  return path.slice(pos.get(cur) ?? 0).reverse();
}

function knownTypes(): string {
  return NODE_KIND_LIST.map((k) => k.type).join(', ');
}
