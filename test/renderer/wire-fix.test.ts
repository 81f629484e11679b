import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../core/graph/analyze';
import { connectionProblem } from '../../renderer/state/connect-check';
import { suggestWireFix } from '../../renderer/state/wire-fix';
import { loadExample } from '../helpers/examples';

/** A refused wire gets a one-click fix that really makes it fit. */
describe('wire fixes', () => {
  it('XOR with Dense 8 before the sigmoid: the last wire is refused, "set Dense to 1 unit" fixes it', () => {
    const xor = loadExample('xor-mlp');
    const g = {
      ...xor,
      nodes: xor.nodes.map((n) => (n.id === 'd2' ? { ...n, params: { ...n.params, units: 8 } } : n)),
      edges: xor.edges.filter((e) => e.target !== 'loss'),
    };
    const wire = { source: 'a2', target: 'loss' };
    expect(connectionProblem(g, analyzeGraph(g), wire)).not.toBeNull();
    const fix = suggestWireFix(g, wire)!;
    expect(fix.label).toBe('Set Dense (d2) to 1 unit');
    const fixed = fix.apply(g);
    expect(fixed.edges.some((e) => e.source === 'a2' && e.target === 'loss')).toBe(true);
    expect(analyzeGraph(fixed).problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});

describe('the connection check does not depend on wiring order', () => {
  const xor = loadExample('xor-mlp');
  const wide = { ...xor, nodes: xor.nodes.map((n) => (n.id === 'd2' ? { ...n, params: { ...n.params, units: 8 } } : n)) };
  const without = (edgeId: string) => ({ ...wide, edges: wide.edges.filter((e) => e.id !== edgeId) });

  it('refuses Dense 8 → Sigmoid when the Sigmoid already feeds the Loss, as it refuses the Loss wire drawn last', () => {
    const lastWire = without('e5');
    expect(connectionProblem(lastWire, analyzeGraph(lastWire), { source: 'a2', target: 'loss' })).toMatch(/Loss/);
    const middleWire = without('e4');
    const reason = connectionProblem(middleWire, analyzeGraph(middleWire), { source: 'd2', target: 'a2' });
    expect(reason).toMatch(/would make Loss fail/);
    // And the fix is offered there too.
    expect(suggestWireFix(middleWire, { source: 'd2', target: 'a2' })?.label).toBe('Set Dense (d2) to 1 unit');
  });

  it('still accepts wires that break nothing', () => {
    const g = { ...xor, edges: xor.edges.filter((e) => e.id !== 'e4') };
    expect(connectionProblem(g, analyzeGraph(g), { source: 'd2', target: 'a2' })).toBeNull();
  });
});
