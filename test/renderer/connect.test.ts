import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../core/graph/analyze';
import { parseGraphText } from '../../core/graph/io';
import type { Graph } from '../../core/graph/schema';
import { createAnalyzer, sameStructure } from '../../renderer/state/analysis-cache';
import { connectionProblem, connectionTargets } from '../../renderer/state/connect-check';
import { wouldCreateCycle } from '../../renderer/state/cycle';
import { addNode, connect, moveNodes, removeItems, setParam } from '../../renderer/state/graph-edit';

const xor = (() => {
  const r = parseGraphText(readFileSync(new URL('../../examples/xor-mlp.json', import.meta.url), 'utf8'));
  if (!r.ok) throw new Error('example does not parse');
  return r.graph;
})();

describe('cycle check', () => {
  const links = [{ source: 'a', target: 'b' }, { source: 'b', target: 'c' }, { source: 'x', target: 'c' }];
  it('refuses an edge that closes a loop, and self-loops', () => {
    expect(wouldCreateCycle(links, 'c', 'a')).toBe(true);
    expect(wouldCreateCycle(links, 'b', 'a')).toBe(true);
    expect(wouldCreateCycle(links, 'a', 'a')).toBe(true);
  });
  it('allows forward edges and diamonds', () => {
    expect(wouldCreateCycle(links, 'a', 'c')).toBe(false);
    expect(wouldCreateCycle(links, 'x', 'b')).toBe(false);
  });
  it('handles a long chain without recursion', () => {
    const chain = Array.from({ length: 5000 }, (_, i) => ({ source: `n${i}`, target: `n${i + 1}` }));
    expect(wouldCreateCycle(chain, 'n5000', 'n0')).toBe(true);
    expect(wouldCreateCycle(chain, 'n0', 'n5000')).toBe(false);
  });
});

describe('connection check', () => {
  const cut = removeItems(xor, new Set(), new Set(['e5'])); // a2 → loss unwired
  it('accepts a fitting wire', () => {
    expect(connectionProblem(cut, analyzeGraph(cut), { source: 'a2', target: 'loss' })).toBeNull();
  });
  it('refuses a cycle, a taken port and a port-less target with a reason', () => {
    const a = analyzeGraph(xor);
    expect(connectionProblem(xor, a, { source: 'd2', target: 'd1' })).toMatch(/cycle/);
    expect(connectionProblem(xor, a, { source: 'd1', target: 'd2' })).toMatch(/already connected/);
    expect(connectionProblem(xor, a, { source: 'd1', target: 'in' })).toMatch(/no inputs/);
    expect(connectionProblem(xor, a, { source: 'd1', target: 'd1' })).toMatch(/itself/);
  });
  it('refuses a shape that does not fit, with the shape rule\'s message', () => {
    const ce = setParam(cut, 'loss', 'fn', 'cross_entropy');
    expect(connectionProblem(ce, analyzeGraph(ce), { source: 'a2', target: 'loss' })).toMatch(/one output per class/);
  });
  it('judges two-input nodes once both inputs are known', () => {
    let g: Graph = addNode(cut, { type: 'Add', position: { x: 0, y: 0 } }).graph;
    g = connect(g, { source: 'a1', target: 'add1', targetHandle: 'a' }).graph;
    expect(g.edges.at(-1)).toMatchObject({ targetHandle: 'a' });
    const a = analyzeGraph(g);
    expect(connectionProblem(g, a, { source: 'a2', target: 'add1', targetHandle: 'b' })).toMatch(/equal shape/);
    expect(connectionProblem(g, a, { source: 'd1', target: 'add1', targetHandle: 'b' })).toBeNull();
    const targets = connectionTargets(g, a, 'a2');
    expect(targets.get('loss#pred')).toBeNull();
    expect(targets.get('add1#b')).toMatch(/equal shape/);
    expect(targets.get('d1#in')).toMatch(/cycle/);
  });
  it('connect writes handles only for multi-port nodes', () => {
    const g = connect(cut, { source: 'a2', sourceHandle: 'out', target: 'loss', targetHandle: 'pred' }).graph;
    expect(g.edges.at(-1)).toEqual({ id: 'e5', source: 'a2', target: 'loss' });
  });
});

describe('analysis cache', () => {
  it('re-analyses on structural edits only', () => {
    let calls = 0;
    const analyze = createAnalyzer((g) => {
      calls++;
      return analyzeGraph(g);
    });
    const first = analyze(xor);
    const moved = moveNodes(xor, new Map([['d1', { x: 1, y: 2 }]]));
    expect(sameStructure(xor, moved)).toBe(true);
    expect(analyze(moved)).toBe(first);
    expect(calls).toBe(1);
    analyze(setParam(moved, 'd1', 'units', 3));
    expect(calls).toBe(2);
  });
});
