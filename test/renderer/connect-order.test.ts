import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../core/graph/analyze';
import type { Graph, GraphEdge, GraphNode } from '../../core/graph/schema';
import { connectionRefusal, type Refusal } from '../../renderer/state/connect-check';
import { loadExample } from '../helpers/examples';

/**
 * The wire check gives the same answer whatever order a graph is wired in, at any size. Graphs are
 * random Input → one or two chains of Dense/activations (joined by an Add) → an optional Dense →
 * Sigmoid → Loss (bce on XOR, so the prediction must have 1 value), valid or with defects: chains of
 * different widths into the Add, a prediction wider than 1. Every wire is drawn in a random order,
 * through the check, as the canvas does (a refused wire is not added).
 */
const base = loadExample('xor-mlp');
const SHAPE_CODES = new Set(['shape-mismatch', 'loss-target']);

type Layer = { kind: 'dense'; units: number } | { kind: 'act'; fn: 'tanh' | 'relu' };
const layer = fc.oneof(
  fc.record({ kind: fc.constant('dense' as const), units: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('act' as const), fn: fc.constantFrom('tanh' as const, 'relu' as const) }),
);
const spec = fc.record({
  branches: fc.array(fc.array(layer, { maxLength: 3 }), { minLength: 1, maxLength: 2 }),
  tail: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
});

function build(s: { branches: Layer[][]; tail?: number | undefined }): Graph {
  const nodes: GraphNode[] = [{ id: 'in', type: 'Input', params: {}, position: { x: 0, y: 0 } }];
  const edges: GraphEdge[] = [];
  const add = (n: { id: string; type: string; params: Record<string, string | number> }, from: string): string => {
    nodes.push({ ...n, position: { x: nodes.length * 10, y: 0 } } as GraphNode);
    edges.push({ id: `e${edges.length + 1}`, source: from, target: n.id });
    return n.id;
  };
  const ends = s.branches.map((chain, b) => chain.reduce<string>((from, l, i) => add(
    l.kind === 'dense' ? { id: `b${b}_${i}`, type: 'Dense', params: { units: l.units } } : { id: `b${b}_${i}`, type: 'Activation', params: { fn: l.fn } },
    from,
  ), 'in'));
  let last = ends[0]!;
  if (ends.length === 2) {
    nodes.push({ id: 'add', type: 'Add', params: {}, position: { x: 0, y: 50 } } as GraphNode);
    edges.push({ id: `e${edges.length + 1}`, source: ends[0]!, target: 'add', targetHandle: 'a' });
    edges.push({ id: `e${edges.length + 1}`, source: ends[1]!, target: 'add', targetHandle: 'b' });
    last = 'add';
  }
  if (s.tail !== undefined) last = add({ id: 'tail', type: 'Dense', params: { units: s.tail } }, last);
  last = add({ id: 'sig', type: 'Activation', params: { fn: 'sigmoid' } }, last);
  add({ id: 'loss', type: 'Loss', params: { fn: 'bce' } }, last);
  return { ...base, nodes, edges };
}

/** Draw `order` (edges of `full`) one by one through the check; the refusals, and the graph that results. */
function wireInOrder(full: Graph, order: GraphEdge[]): { refusals: (Refusal & { edge: string })[]; graph: Graph } {
  let g: Graph = { ...full, edges: [] };
  const refusals: (Refusal & { edge: string })[] = [];
  for (const e of order) {
    const r = connectionRefusal(g, analyzeGraph(g), e);
    if (r) refusals.push({ ...r, edge: e.id });
    else g = { ...g, edges: [...g.edges, e] };
  }
  return { refusals, graph: g };
}

const shapeErrors = (g: Graph) => analyzeGraph(g).problems.filter((p) => SHAPE_CODES.has(p.code));
/** A uniform permutation from a seed (Fisher–Yates over mulberry32), so fast-check can replay it. */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
const keysArb = fc.integer();

/** A graph with defects refuses exactly one wire in any order, naming the node the whole graph fails at. */
function expectSameAnswer(full: Graph, order: GraphEdge[]): void {
  const { refusals, graph } = wireInOrder(full, order);
  const errors = shapeErrors(full);
  if (errors.length === 0) {
    expect(refusals).toEqual([]);
    return;
  }
  expect(refusals.map((r) => r.nodeId)).toEqual([errors[0]!.nodeId]);
  const node = full.nodes.find((n) => n.id === errors[0]!.nodeId)!;
  expect(errors[0]!.message.startsWith(`${node.type} ${refusals[0]!.message}`)).toBe(true);
  // Nothing accepted ever leaves the graph failing.
  expect(shapeErrors(graph)).toEqual([]);
}

describe('the wire check does not depend on wiring order', () => {
  it('random small graphs, valid and not: every order gives the same accepted/refused answer and reason', () => {
    fc.assert(fc.property(spec, keysArb, keysArb, (s, k1, k2) => {
      const full = build(s);
      expectSameAnswer(full, shuffled(full.edges, k1));
      // Two orders of the same graph: the same refusal, word for word.
      const a = wireInOrder(full, shuffled(full.edges, k1)).refusals.map((r) => [r.nodeId, r.message]);
      const b = wireInOrder(full, shuffled(full.edges, k2)).refusals.map((r) => [r.nodeId, r.message]);
      expect(a).toEqual(b);
    }), { numRuns: 300 });
  });

  it('a wire\'s verdict does not depend on the order the existing edges were drawn in, and matches a whole-graph analysis', () => {
    fc.assert(fc.property(spec, keysArb, keysArb, fc.nat(), (s, k1, k2, pick) => {
      const full = build(s);
      const wire = full.edges[pick % full.edges.length]!;
      const rest = full.edges.filter((e) => e !== wire && ((pick >> 3) + full.edges.indexOf(e)) % 3 !== 0);
      const g1 = { ...full, edges: shuffled(rest, k1) };
      const g2 = { ...full, edges: shuffled(rest, k2) };
      const r1 = connectionRefusal(g1, analyzeGraph(g1), wire);
      const r2 = connectionRefusal(g2, analyzeGraph(g2), wire);
      expect(r2).toEqual(r1);
      // Reference: analyse the whole graph with the wire; refused iff some node newly fails.
      const before = new Set(shapeErrors(g1).map((p) => p.nodeId));
      const newly = shapeErrors({ ...g1, edges: [...g1.edges, wire] }).filter((p) => !before.has(p.nodeId));
      expect(r1 !== null).toBe(newly.length > 0);
      if (r1) expect(r1.nodeId).toBe(newly[0]!.nodeId);
    }), { numRuns: 300 });
  });

  it('a 200-node graph: the same answer in any order (valid: all accepted; a 4-wide prediction: one wire refused, naming the Loss)', () => {
    const chain: Layer[] = Array.from({ length: 98 }, (_, i): Layer => (i % 2 === 0 ? { kind: 'dense', units: 3 } : { kind: 'act', fn: 'tanh' }));
    for (const tail of [1, 4]) {
      const full = build({ branches: [chain, chain], tail });
      expect(full.nodes.length).toBeGreaterThanOrEqual(200);
      fc.assert(fc.property(keysArb, (k) => expectSameAnswer(full, shuffled(full.edges, k))), { numRuns: 4 });
      if (tail === 4) expect(wireInOrder(full, full.edges).refusals[0]!.nodeId).toBe('loss');
    }
  });
});
