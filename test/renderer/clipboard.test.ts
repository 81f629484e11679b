import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../../core/graph/io';
import { analyzeGraph } from '../../core/graph/analyze';
import { copySelection, pasteContent } from '../../renderer/state/clipboard';
import { readFileSync } from 'node:fs';

const xor = (() => {
  const r = parseGraphText(readFileSync(new URL('../../examples/xor-mlp.json', import.meta.url), 'utf8'));
  if (!r.ok) throw new Error('example does not parse');
  return r.graph;
})();

describe('clipboard', () => {
  it('copies only the edges with both ends in the selection', () => {
    const clip = copySelection(xor, new Set(['d1', 'a1', 'd2']))!;
    expect(clip.nodes.map((n) => n.id)).toEqual(['d1', 'a1', 'd2']);
    expect(clip.edges.map((e) => e.id)).toEqual(['e2', 'e3']);
  });

  it('returns null for an empty selection', () => {
    expect(copySelection(xor, new Set())).toBeNull();
  });

  it('pastes with fresh ids, remapped edges, at the cursor, keeping the layout', () => {
    const clip = copySelection(xor, new Set(['d1', 'a1', 'd2']))!;
    const { graph, nodeIds } = pasteContent(xor, clip, { x: 1000, y: 500 });
    expect(graph.nodes).toHaveLength(9);
    expect(graph.edges).toHaveLength(7);
    const all = graph.nodes.map((n) => n.id);
    expect(new Set(all).size).toBe(all.length);
    expect(nodeIds.some((id) => ['d1', 'a1', 'd2'].includes(id))).toBe(false);
    const pasted = graph.nodes.filter((n) => nodeIds.includes(n.id));
    // The first copied node lands at the cursor; the others keep their offsets from it.
    const copied = ['d1', 'a1', 'd2'].map((id) => xor.nodes.find((n) => n.id === id)!.position!);
    expect(pasted.map((n) => n.position)).toEqual(copied.map((p) => ({ x: 1000 + p.x - copied[0]!.x, y: 500 + p.y - copied[0]!.y })));
    expect(pasted.map((n) => n.params)).toEqual([{ units: 8 }, { fn: 'tanh' }, { units: 1 }]);
    const newEdges = graph.edges.slice(5);
    for (const e of newEdges) {
      expect(nodeIds).toContain(e.source);
      expect(nodeIds).toContain(e.target);
    }
    expect(new Set(graph.edges.map((e) => e.id)).size).toBe(7);
    // The paste is a valid graph fragment: no structural problems about ids or dangling edges.
    const codes = analyzeGraph(graph).problems.map((p) => p.code);
    expect(codes).not.toContain('duplicate-id');
    expect(codes).not.toContain('dangling-edge');
  });

  it('pasting twice gives distinct ids again, and the clipboard is not aliased to the graph', () => {
    const clip = copySelection(xor, new Set(['d1']))!;
    const once = pasteContent(xor, clip, { x: 0, y: 0 });
    const twice = pasteContent(once.graph, clip, { x: 0, y: 0 });
    expect(once.nodeIds[0]).not.toBe(twice.nodeIds[0]);
    clip.nodes[0]!.params.units = 99;
    expect(xor.nodes[1]!.params.units).toBe(8);
  });

  it('keeps named handles of multi-port nodes', () => {
    const g = { ...xor, nodes: [...xor.nodes, { id: 'add', type: 'Add', params: {}, position: { x: 0, y: 0 } }],
      edges: [...xor.edges, { id: 'ea', source: 'd1', target: 'add', targetHandle: 'a' }, { id: 'eb', source: 'a1', target: 'add', targetHandle: 'b' }] };
    const clip = copySelection(g, new Set(['d1', 'a1', 'add']))!;
    const { graph } = pasteContent(g, clip, { x: 0, y: 0 });
    expect(graph.edges.slice(-3).map((e) => e.targetHandle)).toEqual([undefined, 'a', 'b']);
  });
});
