import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../../../core/graph/io';
import type { Graph } from '../../../core/graph/schema';
import { adviceForNode, adviceItems, staticAdvice } from '../../../renderer/advisor/advice';

function example(name: string): Graph {
  const r = parseGraphText(readFileSync(new URL(`../../../examples/${name}.json`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(`examples/${name}.json does not parse`);
  return r.graph;
}

describe('advisor panel items', () => {
  it('lists the static warnings on the node they name, and none for a sound graph', () => {
    expect(staticAdvice(example('xor-mlp'))).toEqual([]);
    const g = example('linear-only-xor');
    const items = adviceItems(g);
    expect(items.map((i) => [i.rule, i.node, i.source])).toContainEqual(['linear-stack', 'a1', 'graph']);
    expect(adviceForNode(g, 'a1').map((w) => w.rule)).toEqual(['linear-stack']);
    expect(adviceForNode(g, 'd1')).toEqual([]);
  });

  it('recomputes for a new graph object and reuses the result for the same one', () => {
    const g = example('linear-only-xor');
    expect(staticAdvice(g)).toBe(staticAdvice(g));
    const fixed: Graph = { ...g, nodes: g.nodes.map((n) => (n.id === 'a1' ? { ...n, params: { fn: 'relu' } } : n)) };
    expect(staticAdvice(fixed).some((w) => w.rule === 'linear-stack')).toBe(false);
  });

  it('adds run diagnostics after the static ones, once per rule and node, dropping deleted nodes', () => {
    const g = example('xor-mlp');
    const d = (rule: string, node: string | null, epoch: number) => ({ rule, node, message: `${rule} at ${epoch}`, fix: null, epoch });
    const items = adviceItems(g, [d('dead-units', 'a1', 2), d('dead-units', 'a1', 5), d('loss-plateau', null, 9), d('dead-units', 'gone', 3)]);
    expect(items.map((i) => [i.rule, i.node, i.source, i.epoch])).toEqual([
      ['dead-units', 'a1', 'run', 5],
      ['loss-plateau', null, 'run', 9],
    ]);
  });
});
