import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../core/graph/schema';
import { applyFix, evaluateCheck, factsBeforeRun, graphFact, readLesson, type Check, type LessonFacts } from '../../../core/lessons';
import type { NodeStats } from '../../../core/protocol/events';
import { loadExample } from '../../helpers/examples';

const xor = loadExample('xor-mlp');
const stats = (id: string, extra: Partial<NodeStats> = {}): NodeStats =>
  ({ id, mean: 0, std: 0.5, histogram: { min: 0, max: 1, counts: [1] }, gradNorms: {}, ...extra });

function facts(over: Partial<LessonFacts> = {}): LessonFacts {
  return {
    graph: xor, epoch: 10,
    metrics: { train: { loss: 0.1, accuracy: 0.99 }, validation: { loss: 0.5, accuracy: 0.9 } },
    layers: [stats('d1', { gradNorms: { W: 3, b: 4 } }), stats('a1'), stats('d2', { gradNorms: { W: 50 } })],
    ...over,
  };
}
const state = (c: Check, f = facts(), min = 0) => evaluateCheck(c, f, min).state;

describe('evaluateCheck', () => {
  it('compares metrics of the chosen split, and is pending before the first epoch', () => {
    expect(state({ metric: 'accuracy', split: 'validation', op: '>=', value: 0.9 })).toBe('pass');
    expect(state({ metric: 'accuracy', split: 'validation', op: '>', value: 0.9 })).toBe('fail');
    expect(state({ metric: 'loss', split: 'train', op: '<', value: 0.2 })).toBe('pass');
    expect(state({ metric: 'mre', split: 'extrapolation', op: '<', value: 1 })).toBe('pending');
    expect(state({ metric: 'loss', split: 'train', op: '<', value: 1 }, factsBeforeRun(xor))).toBe('pending');
  });

  it('measures the train/validation gap', () => {
    expect(evaluateCheck({ gap: 'loss', op: '<', value: 0.5 }, facts()).items[0]!.actual).toBeCloseTo(0.4);
    expect(state({ gap: 'loss', op: '<', value: 0.3 })).toBe('fail');
    expect(evaluateCheck({ gap: 'accuracy', op: '<', value: 1 }, facts()).items[0]!.actual).toBeCloseTo(0.09);
  });

  it('reads a node\'s gradient norm (all its tensors together) and the first/last ratio', () => {
    expect(evaluateCheck({ layer: 'd1', stat: 'gradNorm', op: '>', value: 0 }, facts()).items[0]!.actual).toBe(5);
    expect(evaluateCheck({ gradRatio: ['d1', 'd2'], op: '>=', value: 0.1 }, facts()).items[0]!.actual).toBeCloseTo(0.1);
    // A node without parameters has no gradient norm: that part can never pass.
    expect(state({ layer: 'a1', stat: 'gradNorm', op: '>=', value: 0 })).toBe('pending');
  });

  it('counts no dead or saturated units for activations that cannot have them, and pends for others', () => {
    const leaky: Graph = applyFix(xor, [{ node: 'a1', params: { fn: 'leaky_relu' } }]);
    expect(state({ layer: 'a1', stat: 'dead', op: '<=', value: 0 }, facts({ graph: leaky }))).toBe('pass');
    expect(state({ layer: 'a1', stat: 'saturated', op: '<=', value: 0 }, facts({ graph: leaky }))).toBe('pass');
    const relu = applyFix(xor, [{ node: 'a1', params: { fn: 'relu' } }]);
    expect(state({ layer: 'a1', stat: 'dead', op: '<=', value: 0.5 }, facts({ graph: relu }))).toBe('pending');
    const dead = facts({ graph: relu, layers: [stats('a1', { deadFraction: 0.75 })] });
    expect(state({ layer: 'a1', stat: 'dead', op: '<=', value: 0.5 }, dead)).toBe('fail');
    expect(state({ layer: 'a1', stat: 'std', op: '>', value: 0 })).toBe('pass');
  });

  it('reads a parameter summary such as a PReLU alpha', () => {
    const f = facts({ layers: [stats('a1', { params: { alpha: { mean: 0.3, min: 0.1, max: 0.6 } } })] });
    expect(state({ param: { node: 'a1', name: 'alpha', reduce: 'max' }, op: '>', value: 0.5 }, f)).toBe('pass');
    expect(state({ param: { node: 'a1', name: 'alpha', reduce: 'mean' }, op: '>', value: 0.5 }, f)).toBe('fail');
  });

  it('combines parts with all / any / not, and holds a pass back until minEpochs', () => {
    const ok: Check = { metric: 'accuracy', split: 'train', op: '>', value: 0.5 };
    const bad: Check = { metric: 'accuracy', split: 'train', op: '<', value: 0.5 };
    const unknown: Check = { metric: 'mre', split: 'train', op: '<', value: 1 };
    expect(state({ all: [ok, bad] })).toBe('fail');
    expect(state({ all: [ok, unknown] })).toBe('pending');
    expect(state({ any: [bad, ok] })).toBe('pass');
    expect(state({ any: [bad, unknown] })).toBe('pending');
    expect(state({ not: bad })).toBe('pass');
    expect(state(ok, facts(), 11)).toBe('pending');
    expect(state(bad, facts(), 11)).toBe('fail');
    const labelled = evaluateCheck({ all: [ok, bad], label: 'both' }, facts());
    expect(labelled.items.map((i) => [i.label, i.state, i.depth])).toEqual([
      ['both', 'fail', 0], ['train accuracy > 0.5', 'pass', 1], ['train accuracy < 0.5', 'fail', 1],
    ]);
  });
});

describe('graph facts', () => {
  it('hidden-nonlinear: true with tanh between the Dense layers, false when it is linear', () => {
    expect(graphFact(xor, 'hidden-nonlinear')).toBe(true);
    expect(graphFact(loadExample('linear-only-xor'), 'hidden-nonlinear')).toBe(false);
    // The output sigmoid is non-linear but not hidden: no weighted layer follows it.
    expect(graphFact(applyFix(xor, [{ node: 'a1', params: { fn: 'linear' } }]), 'hidden-nonlinear')).toBe(false);
  });

  it('output-suits-task: sigmoid for two classes, softmax for ten, linear for regression', () => {
    expect(graphFact(xor, 'output-suits-task')).toBe(true);
    expect(graphFact(applyFix(xor, [{ node: 'a2', params: { fn: 'relu' } }]), 'output-suits-task')).toBe(false);
    expect(graphFact(loadExample('mnist-mlp'), 'output-suits-task')).toBe(true);
    expect(graphFact(applyFix(loadExample('mnist-mlp'), [{ node: 'sm', params: { fn: 'sigmoid' } }]), 'output-suits-task')).toBe(false);
    expect(graphFact(loadExample('mlp-add'), 'output-suits-task')).toBe(true);
  });
});

describe('readLesson and applyFix', () => {
  const lesson = {
    version: 1, id: 'demo', title: 'Demo', notes: ['n'], task: 't', hint: 'h',
    question: { prompt: 'p', answers: ['a', 'b'], correct: 1, explanation: 'e' },
    check: { layer: 'd1', stat: 'gradNorm', op: '>', value: 0 },
    fix: [{ node: 'a1', params: { fn: 'relu' } }],
  };

  it('is null without an x-lesson block, fills defaults, and names the field of each defect', () => {
    expect(readLesson(xor)).toBeNull();
    const ok = readLesson({ ...xor, 'x-lesson': lesson });
    expect(ok).toMatchObject({ ok: true, lesson: { minEpochs: 1, locks: [], alternatives: [], order: 1000 } });
    const bad = readLesson({ ...xor, 'x-lesson': { ...lesson, question: { ...lesson.question, correct: 2 }, check: { layer: 'nope', stat: 'dead', op: '<', value: 1 } } });
    expect(bad).toMatchObject({ ok: false, problems: [{ path: 'x-lesson.question.correct' }] });
    const missingNode = readLesson({ ...xor, 'x-lesson': { ...lesson, check: { layer: 'nope', stat: 'dead', op: '<', value: 1 }, fix: [{ node: 'zz', params: {} }] } });
    expect(missingNode).toEqual({ ok: false, problems: [
      { path: 'x-lesson.check.layer', code: 'lesson', severity: 'error', message: 'node "nope" is not in this graph' },
      { path: 'x-lesson.fix[0]', code: 'lesson', severity: 'error', message: 'node "zz" is not in this graph' },
    ] });
    expect(readLesson({ ...xor, 'x-lesson': { ...lesson, title: 3 } })).toMatchObject({ ok: false, problems: [{ path: 'x-lesson.title' }] });
  });

  it('applies param edits, replacements (keeping id and wires) and training edits without changing the input', () => {
    const before = structuredClone(xor);
    const g = applyFix(xor, [
      { node: 'a1', params: { fn: 'relu' } }, { replace: 'd1', type: 'NALU', params: { units: 2 } }, { training: { 'optimizer.lr': 0.5, epochs: 7 } },
    ]);
    expect(xor).toEqual(before);
    expect(g.nodes.find((n) => n.id === 'a1')!.params.fn).toBe('relu');
    expect(g.nodes.find((n) => n.id === 'd1')).toMatchObject({ type: 'NALU', params: { units: 2 } });
    expect(g.edges).toEqual(xor.edges);
    expect(g.training.optimizer.lr).toBe(0.5);
    expect(g.training.epochs).toBe(7);
  });
});
