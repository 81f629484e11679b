import { describe, expect, it } from 'vitest';
import { adviseGraph, applyFix, RULES, type AdvisorWarning } from '../../../core/advisor';
import { DEEP_STACK } from '../../../core/advisor/rules/deep-saturating-stack';
import { analyzeGraph } from '../../../core/graph/analyze';
import type { Graph } from '../../../core/graph/schema';
import { loadExample } from '../../helpers/examples';
import { act, chain, dense, type Layer } from './chain';

const XOR_OUT: Layer[] = [dense('d1', 8), act('a1', 'tanh'), dense('d2', 1), act('out', 'sigmoid')];
const GAUSS3 = { dataset: { name: 'gaussians', classes: 3, samples: 150, validationSplit: 0.2 } };
const SINE = { dataset: { name: 'sine', samples: 100, validationSplit: 0.2 } };

interface Case {
  rule: string;
  /** A graph that triggers the rule, and the node it must name. */
  bad: Graph;
  node: string | null;
  /** A close graph that must not trigger it. */
  good: Graph;
}

const CASES: Case[] = [
  {
    rule: 'output-not-probability',
    bad: chain([dense('d1', 8), act('a1', 'tanh'), dense('d2', 1), act('out', 'relu')], { fn: 'bce' }),
    node: 'out',
    good: chain(XOR_OUT, { fn: 'bce' }),
  },
  {
    rule: 'output-not-probability',
    bad: chain([dense('d1', 8), act('a1', 'tanh'), dense('d2', 1)], { fn: 'bce' }),
    node: 'd2',
    good: chain([dense('d1', 8), act('a1', 'tanh'), dense('d2', 1)], { fn: 'bce_logits' }),
  },
  {
    rule: 'softmax-then-sigmoid',
    bad: chain([dense('d1', 8), act('a1', 'relu'), dense('d2', 3), act('sm', 'softmax'), act('sig', 'sigmoid')], { fn: 'cross_entropy' }, GAUSS3),
    node: 'sig',
    good: chain([dense('d1', 8), act('a1', 'sigmoid'), dense('d2', 3), act('sm', 'softmax')], { fn: 'cross_entropy' }, GAUSS3),
  },
  {
    rule: 'softmax-into-bce',
    bad: chain([dense('d1', 8), act('a1', 'tanh'), dense('d2', 1), act('out', 'softmax')], { fn: 'bce' }),
    node: 'out',
    good: chain(XOR_OUT, { fn: 'bce' }),
  },
  {
    rule: 'softmax-into-bce',
    bad: chain([dense('d1', 8), act('a1', 'tanh'), dense('d2', 1), act('out', 'softmax')], { fn: 'bce_logits' }),
    node: 'out',
    good: chain([dense('d1', 8), act('a1', 'tanh'), dense('d2', 1)], { fn: 'bce_logits' }),
  },
  {
    rule: 'sigmoid-into-logits-loss',
    bad: chain(XOR_OUT, { fn: 'bce_logits' }),
    node: 'out',
    good: chain(XOR_OUT, { fn: 'bce' }),
  },
  {
    rule: 'cross-entropy-without-softmax',
    bad: chain([dense('d1', 8), act('a1', 'relu'), dense('d2', 3)], { fn: 'cross_entropy' }, GAUSS3),
    node: 'loss',
    good: chain([dense('d1', 8), act('a1', 'relu'), dense('d2', 3)], { fn: 'cross_entropy', logits: true }, GAUSS3),
  },
  {
    rule: 'cross-entropy-without-softmax',
    bad: chain([dense('d1', 8), act('a1', 'relu'), dense('d2', 3), act('out', 'sigmoid')], { fn: 'cross_entropy' }, GAUSS3),
    node: 'loss',
    good: chain([dense('d1', 8), act('a1', 'relu'), dense('d2', 3), act('out', 'softmax')], { fn: 'cross_entropy' }, GAUSS3),
  },
  {
    rule: 'mse-for-classification',
    bad: chain(XOR_OUT, { fn: 'mse' }),
    node: 'loss',
    good: chain(XOR_OUT, { fn: 'mse' }, SINE_1D()),
  },
  {
    rule: 'mse-for-classification',
    bad: chain([dense('d1', 8), act('a1', 'relu'), dense('d2', 3)], { fn: 'mae' }, GAUSS3),
    node: 'loss',
    good: chain([dense('d1', 8), act('a1', 'relu'), dense('d2', 3)], { fn: 'cross_entropy', logits: true }, GAUSS3),
  },
  {
    rule: 'relu-regression-output',
    bad: chain([dense('d1', 8), act('a1', 'tanh'), dense('d2', 1), act('out', 'relu')], { fn: 'mse' }, SINE),
    node: 'out',
    // Same network, but its targets are all positive (a + b of positive operands).
    good: chain([dense('d1', 8), act('a1', 'tanh'), dense('d2', 1), act('out', 'relu')], { fn: 'mse' }, { dataset: { name: 'arithmetic', op: 'add', samples: 100 } }),
  },
  {
    rule: 'dropout-after-output',
    bad: chain([...XOR_OUT, ['drop', 'Dropout', { rate: 0.3 }]], { fn: 'bce' }),
    node: 'drop',
    good: chain([dense('d1', 8), act('a1', 'tanh'), ['drop', 'Dropout', { rate: 0.3 }], dense('d2', 1), act('out', 'sigmoid')], { fn: 'bce' }),
  },
  {
    rule: 'linear-stack',
    bad: chain([dense('d1', 8), act('a1', 'linear'), dense('d2', 1), act('out', 'sigmoid')], { fn: 'bce' }),
    node: 'a1',
    good: chain(XOR_OUT, { fn: 'bce' }),
  },
  {
    rule: 'linear-stack',
    bad: chain([dense('d1', 8), ['drop', 'Dropout', { rate: 0.2 }], dense('d2', 1), act('out', 'sigmoid')], { fn: 'bce' }),
    node: 'd2',
    good: chain([dense('d1', 8), act('a1', 'elu'), ['drop', 'Dropout', { rate: 0.2 }], dense('d2', 1), act('out', 'sigmoid')], { fn: 'bce' }),
  },
  {
    rule: 'deep-saturating-stack',
    bad: chain([...hidden(DEEP_STACK, 'sigmoid'), dense('o', 1), act('out', 'sigmoid')], { fn: 'bce' }),
    node: 'h1a',
    // One fewer, or the same depth with a LayerNorm in the middle.
    good: chain([...hidden(2, 'tanh'), ['norm', 'LayerNorm'], ...hidden(DEEP_STACK - 2, 'tanh', 10), dense('o', 1), act('out', 'sigmoid')], { fn: 'bce' }),
  },
  {
    rule: 'step-blocks-gradient',
    bad: chain([dense('d1', 8), act('st', 'step'), dense('d2', 1), act('out', 'sigmoid')], { fn: 'bce' }),
    node: 'st',
    // A step right after the input has nothing trainable before it.
    good: chain([act('st', 'step'), dense('d2', 1), act('out', 'sigmoid')], { fn: 'bce' }),
  },
  {
    rule: 'zero-init',
    bad: chain([dense('d1', 8, { init: 'zeros' }), act('a1', 'tanh'), dense('d2', 1), act('out', 'sigmoid')], { fn: 'bce' }),
    node: 'd1',
    // A single unit has no twin to stay identical with.
    good: chain([dense('d1', 8), act('a1', 'tanh'), dense('d2', 1, { init: 'zeros' }), act('out', 'sigmoid')], { fn: 'bce' }),
  },
  {
    rule: 'learning-rate-range',
    bad: chain(XOR_OUT, { fn: 'bce' }, { optimizer: { type: 'sgd', lr: 5 } }),
    node: null,
    good: chain(XOR_OUT, { fn: 'bce' }, { optimizer: { type: 'sgd', lr: 0.5 } }),
  },
  {
    rule: 'learning-rate-range',
    bad: chain(XOR_OUT, { fn: 'bce' }, { optimizer: { type: 'adam', lr: 1e-7 } }),
    node: null,
    good: chain(XOR_OUT, { fn: 'bce' }, { optimizer: { type: 'adam', lr: 1e-4 } }),
  },
];

function SINE_1D() {
  return SINE;
}

function hidden(count: number, fn: string, from = 1): Layer[] {
  return Array.from({ length: count }, (_, i) => [dense(`h${from + i}`, 6), act(`h${from + i}a`, fn)]).flat();
}

const of = (ws: AdvisorWarning[], rule: string) => ws.filter((w) => w.rule === rule);
const errorsOf = (g: Graph) => analyzeGraph(g).problems.filter((p) => p.severity === 'error');

describe('advisor rules', () => {
  it('every rule has a case, and rule ids are unique', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(CASES.map((c) => c.rule))).toEqual(new Set(ids));
  });

  it.each(CASES.map((c, i) => [`${c.rule} #${i}`, c] as const))('%s: fires on the right node, not on the close graph, and its fix clears it', (_, c) => {
    expect(errorsOf(c.bad), 'the triggering graph must be valid').toEqual([]);
    expect(errorsOf(c.good), 'the close graph must be valid').toEqual([]);
    const found = of(adviseGraph(c.bad), c.rule);
    expect(found.map((w) => w.node)).toEqual([c.node]);
    expect(found[0]!.message.length).toBeGreaterThan(40);
    if (c.node !== null) expect(found[0]!.message).toContain(`"${c.node}"`);
    expect(of(adviseGraph(c.good), c.rule)).toEqual([]);
    const fix = found[0]!.fix;
    expect(fix, 'every rule here offers a fix').not.toBeNull();
    const fixed = applyFix(c.bad, fix!);
    expect(errorsOf(fixed), `after "${fix!.label}"`).toEqual([]);
    expect(of(adviseGraph(fixed), c.rule)).toEqual([]);
    // The original is untouched (an app keeps it for undo).
    expect(of(adviseGraph(c.bad), c.rule)).toHaveLength(1);
  });

  it('says nothing about the well-built examples', () => {
    for (const name of ['xor-mlp', 'spiral-tanh', 'mnist-mlp', 'attention-sequence', 'mlp-add', 'nalu-add']) {
      expect(adviseGraph(loadExample(name)), name).toEqual([]);
    }
  });

  it('names the teaching examples for what they show', () => {
    expect(adviseGraph(loadExample('linear-only-xor')).map((w) => [w.rule, w.node])).toEqual([['linear-stack', 'a1']]);
    expect(adviseGraph(loadExample('deep-sigmoid')).map((w) => [w.rule, w.node])).toEqual([['deep-saturating-stack', 'a1']]);
  });

  it('gives one piece of advice, not two, for softmax → sigmoid → cross_entropy', () => {
    const g = chain([dense('d1', 8), act('a1', 'relu'), dense('d2', 3), act('sm', 'softmax'), act('sig', 'sigmoid')], { fn: 'cross_entropy' }, GAUSS3);
    expect(adviseGraph(g).map((w) => w.rule)).toEqual(['softmax-then-sigmoid']);
  });

  it('uses the measured target range when the caller gives one', () => {
    const g = chain([dense('d1', 8), act('a1', 'tanh'), dense('d2', 1), act('out', 'relu')], { fn: 'mse' }, SINE);
    expect(of(adviseGraph(g, { facts: { targetRange: [0, 2] } }), 'relu-regression-output')).toEqual([]);
    const [w] = of(adviseGraph(g, { facts: { targetRange: [-0.98, 1] } }), 'relu-regression-output');
    expect(w!.message).toContain('-0.98');
  });

  it('still advises on a graph with errors, without throwing', () => {
    const g = chain([dense('d1', 8), act('a1', 'linear'), dense('d2', 1), act('out', 'sigmoid')], { fn: 'bce' });
    const broken: Graph = { ...g, edges: g.edges.filter((e) => e.target !== 'loss') };
    expect(() => adviseGraph(broken)).not.toThrow();
    expect(of(adviseGraph(broken), 'linear-stack')).toHaveLength(1);
  });
});

describe('docs/advisor.md', () => {
  it('documents every rule id, static and run-time', async () => {
    const { readFileSync } = await import('node:fs');
    const { RUN_TIME_RULES } = await import('../../../core/advisor');
    const doc = readFileSync(new URL('../../../docs/advisor.md', import.meta.url), 'utf8');
    for (const id of [...RULES.map((r) => r.id), ...RUN_TIME_RULES]) expect(doc, id).toContain(`| \`${id}\` |`);
  });

  it('accepts the analysis the editor already has, with the same result', () => {
    const g = loadExample('linear-only-xor');
    expect(adviseGraph(g, { analysis: analyzeGraph(g) })).toEqual(adviseGraph(g));
  });
});
