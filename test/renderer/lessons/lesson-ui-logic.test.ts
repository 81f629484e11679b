import { beforeEach, describe, expect, it } from 'vitest';
import { applyFix } from '../../../core/lessons';
import { factsOfRun, isLessonRun, lessonIdOf } from '../../../renderer/lessons/run-facts';
import { closeStartScreen, PROGRESS_KEY, readProgress, startScreenClosed, updateProgress } from '../../../renderer/lessons/progress';
import { softmaxWithTemperature } from '../../../renderer/lessons/softmax';
import { createRunData, pushEpoch } from '../../../renderer/training/run-store';
import { loadExample } from '../../helpers/examples';

class MemoryStorage {
  private m = new Map<string, string>();
  getItem(k: string) { return this.m.get(k) ?? null; }
  setItem(k: string, v: string) { this.m.set(k, v); }
  removeItem(k: string) { this.m.delete(k); }
}

describe('softmax with temperature', () => {
  it('matches the lesson\'s numbers: 2, 1, 0 → 0.67, 0.24, 0.09; doubled → 0.87', () => {
    const p = softmaxWithTemperature([2, 1, 0], 1);
    expect(p.map((v) => Number(v.toFixed(2)))).toEqual([0.67, 0.24, 0.09]);
    expect(softmaxWithTemperature([4, 2, 0], 1)[0]).toBeCloseTo(0.867, 3);
    expect(softmaxWithTemperature([2, 1, 0], 0.5)).toEqual(softmaxWithTemperature([4, 2, 0], 1));
    // Adding a constant changes nothing; a high temperature flattens towards equal.
    softmaxWithTemperature([12, 11, 10], 1).forEach((v, i) => expect(v).toBeCloseTo(p[i]!, 12));
    expect(Math.max(...softmaxWithTemperature([2, 1, 0], 1000))).toBeLessThan(0.34);
    expect(softmaxWithTemperature([1000, 0], 1)).toEqual([1, 0]);
  });
});

describe('lesson progress', () => {
  beforeEach(() => {
    (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
  });

  it('keeps answers and passes per lesson, and ignores a damaged value', () => {
    expect(readProgress()).toEqual({});
    updateProgress('a', { answer: 1 });
    updateProgress('a', { passed: true });
    updateProgress('b', { answer: 0 });
    expect(readProgress()).toEqual({ a: { answer: 1, passed: true }, b: { answer: 0 } });
    localStorage.setItem(PROGRESS_KEY, '{"a": {"answer": "x"}}');
    expect(readProgress()).toEqual({});
    localStorage.setItem(PROGRESS_KEY, 'not json');
    expect(readProgress()).toEqual({});
  });

  it('remembers that the start screen was closed', () => {
    expect(startScreenClosed()).toBe(false);
    closeStartScreen();
    expect(startScreenClosed()).toBe(true);
  });
});

describe('facts of a run', () => {
  it('come from the graph that was trained, the last epoch and the latest layer stats', () => {
    const g = { ...loadExample('xor-mlp'), 'x-lesson': { id: 'demo' } };
    const edited = applyFix(g, [{ node: 'a1', params: { fn: 'relu' } }]);
    const run = createRunData({ id: 'r', name: 'r', startedAt: '', graph: g, options: {} });
    expect(factsOfRun(run, edited)).toEqual({ graph: g, epoch: 0, metrics: null, layers: null });
    pushEpoch(run, { type: 'epoch', epoch: 1, train: { loss: 1 }, validation: { loss: 2 } }, 10);
    pushEpoch(run, { type: 'epoch', epoch: 2, train: { loss: 0.5, accuracy: 0.9 }, validation: { loss: 0.7 } }, 10);
    run.layerStats = [];
    expect(factsOfRun(run, edited)).toEqual({
      graph: g, epoch: 2, layers: [],
      metrics: { train: { loss: 0.5, accuracy: 0.9 }, validation: { loss: 0.7 }, extrapolation: undefined },
    });
    expect(factsOfRun(undefined, edited).graph).toBe(edited);
    expect(lessonIdOf(g)).toBe('demo');
    expect(isLessonRun(run, 'demo')).toBe(true);
    expect(isLessonRun(run, 'other')).toBe(false);
    expect(lessonIdOf(loadExample('xor-mlp'))).toBeNull();
  });
});
