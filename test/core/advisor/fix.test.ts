import { describe, expect, it } from 'vitest';
import { applyFix, FixError } from '../../../core/advisor';
import { knownNegativeTargets } from '../../../core/advisor/rules/relu-regression-output';
import { getDataset, resolveDatasetParams } from '../../../core/datasets';
import { parseGraphText, serializeGraph } from '../../../core/graph/io';
import { memoryResources } from '../datasets/memory-resources';
import { act, chain, dense } from './chain';

const g = chain([dense('d1', 8), act('a1', 'linear'), dense('d2', 1), act('out', 'sigmoid')], { fn: 'bce' });

describe('applyFix', () => {
  it('removes a node and wires its input to what it fed', () => {
    const r = applyFix(g, { label: 'x', edits: [{ kind: 'remove-node', node: 'a1' }] });
    expect(r.nodes.map((n) => n.id)).toEqual(['in', 'd1', 'd2', 'out', 'loss']);
    expect(r.edges.map((e) => `${e.source}->${e.target}`)).toEqual(['in->d1', 'd1->d2', 'd2->out', 'out->loss']);
  });

  it('inserts a node on one edge, with a free id and a position between its neighbours', () => {
    const edit = { kind: 'insert-node' as const, after: 'd1', before: 'a1', node: { id: 'a1', type: 'Activation', params: { fn: 'relu' } } };
    const r = applyFix(g, { label: 'x', edits: [edit] });
    const added = r.nodes.find((n) => n.id === 'a1_2')!;
    expect(added).toMatchObject({ type: 'Activation', params: { fn: 'relu' } });
    expect(added.position!.x).toBe(300);
    expect(r.edges.map((e) => `${e.source}->${e.target}`).sort()).toEqual(['a1->d2', 'a1_2->a1', 'd1->a1_2', 'd2->out', 'in->d1', 'out->loss']);
    // Still a graph file that saves and reopens identical.
    const text = serializeGraph(r);
    const back = parseGraphText(text);
    expect(back.ok && serializeGraph(back.graph)).toBe(text);
  });

  it('sets params and training fields without touching the original', () => {
    const r = applyFix(g, { label: 'x', edits: [
      { kind: 'set-param', node: 'a1', param: 'fn', value: 'relu' },
      { kind: 'set-training', path: ['optimizer', 'lr'], value: 0.01 },
    ] });
    expect(r.nodes[2]!.params.fn).toBe('relu');
    expect(r.training.optimizer.lr).toBe(0.01);
    expect(g.nodes[2]!.params.fn).toBe('linear');
    expect(g.training.optimizer.lr).toBe(0.1);
  });

  it('says which node is gone when the graph changed since the warning', () => {
    expect(() => applyFix(g, { label: 'x', edits: [{ kind: 'set-param', node: 'nope', param: 'fn', value: 'relu' }] })).toThrow(FixError);
    expect(() => applyFix(g, { label: 'x', edits: [{ kind: 'remove-node', node: 'nope' }] })).toThrow(/"nope"/);
  });
});

describe('knownNegativeTargets', () => {
  it.each([
    [{ name: 'sine', samples: 200 }, true],
    [{ name: 'plane', samples: 200 }, true],
    [{ name: 'arithmetic', op: 'sub', samples: 200 }, true],
    [{ name: 'arithmetic', op: 'add', samples: 200 }, false],
    [{ name: 'arithmetic', op: 'mul', samples: 200 }, false],
  ])('agrees with the generated data for %j', async (ref, negative) => {
    const resolved = resolveDatasetParams(ref);
    if ('error' in resolved) throw new Error(resolved.error.message);
    const data = await getDataset(ref.name)!.load(resolved.params, 1, memoryResources({}));
    const min = Math.min(...data.train.targets);
    expect(min < 0).toBe(negative);
    expect(knownNegativeTargets(ref)).toBe(negative);
  });
});
