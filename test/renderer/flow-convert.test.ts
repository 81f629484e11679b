import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../core/graph/analyze';
import { parseGraphText, serializeGraph } from '../../core/graph/io';
import type { Graph } from '../../core/graph/schema';
import { createFlowBuilder } from '../../renderer/state/flow-cache';
import { flowToGraph, graphToFlow } from '../../renderer/state/flow-convert';
import { moveNodes, setParam } from '../../renderer/state/graph-edit';

const examplesDir = new URL('../../examples/', import.meta.url);
const examples: [string, Graph][] = readdirSync(examplesDir).filter((f) => f.endsWith('.json')).map((f) => {
  const r = parseGraphText(readFileSync(new URL(f, examplesDir), 'utf8'));
  if (!r.ok) throw new Error(`${f} does not parse`);
  return [f, r.graph];
});

describe('graph ↔ flow conversion', () => {
  it.each(examples)('%s survives graph → flow → graph unchanged', (_name, graph) => {
    const { nodes, edges } = graphToFlow(graph, analyzeGraph(graph));
    expect(serializeGraph(flowToGraph(graph, nodes, edges))).toBe(serializeGraph(graph));
  });

  it('labels edges with the shape they carry and names multi-port handles', () => {
    const g: Graph = {
      ...examples[0]![1],
      nodes: [
        { id: 'in', type: 'Input', params: {}, position: { x: 0, y: 0 } },
        { id: 'd', type: 'Dense', params: { units: 2 }, position: { x: 200, y: 0 } },
        { id: 'add', type: 'Add', params: {}, position: { x: 400, y: 0 } },
      ],
      edges: [
        { id: 'e1', source: 'in', target: 'd' },
        { id: 'e2', source: 'd', target: 'add', targetHandle: 'a' },
        { id: 'e3', source: 'in', target: 'add', targetHandle: 'b' },
      ],
      training: { ...examples[0]![1].training, dataset: { name: 'xor' } },
    };
    const { nodes, edges } = graphToFlow(g, analyzeGraph(g));
    expect(edges.map((e) => [e.sourceHandle, e.targetHandle, e.label])).toEqual([
      ['out', 'in', '[B, 2]'], ['out', 'a', '[B, 2]'], ['out', 'b', '[B, 2]'],
    ]);
    expect(nodes.find((n) => n.id === 'add')!.data.inputs).toEqual(['a', 'b']);
    const back = flowToGraph(g, nodes, edges);
    expect(back.edges).toEqual(g.edges);
  });

  it('node data carries type, fn, shape and the node\'s problems', () => {
    const xor = examples.find(([n]) => n === 'xor-mlp.json')![1];
    const broken = setParam(xor, 'loss', 'fn', 'cross_entropy');
    const { nodes } = graphToFlow(broken, analyzeGraph(broken));
    const act = nodes.find((n) => n.id === 'a1')!;
    expect(act.data).toMatchObject({ type: 'Activation', fn: 'tanh', shape: '[B, 8]', problems: [] });
    expect(nodes.find((n) => n.id === 'loss')!.data.problems.join()).toMatch(/cross_entropy/);
  });

  it('the builder reuses unchanged nodes so a drag re-renders only what moved', () => {
    const xor = examples.find(([n]) => n === 'xor-mlp.json')![1];
    const b = createFlowBuilder();
    const sel = { nodes: new Set<string>(), edges: new Set<string>() };
    const a = analyzeGraph(xor);
    const first = b.nodes(xor, a, sel, new Map());
    const moved = moveNodes(xor, new Map([['d1', { x: 5, y: 5 }]]));
    const second = b.nodes(moved, a, sel, new Map());
    expect(second.filter((n, i) => n !== first[i]).map((n) => n.id)).toEqual(['d1']);
    expect(second[1]!.data).toBe(first[1]!.data);
    // Moving nodes leaves every edge as it was: the very same array comes back.
    expect(b.edges(moved, a, sel)).toBe(b.edges(xor, a, sel));
  });
});
