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
