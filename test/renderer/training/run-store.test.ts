import { describe, expect, it } from 'vitest';
import { loadExample } from '../../helpers/examples';
import { BoundedSeries } from '../../../renderer/training/bounded-series';
import { readoutOf, formatMetric } from '../../../renderer/training/readouts';
import { createRunStore, DEFAULT_LIMITS, type RunMeta } from '../../../renderer/training/run-store';
import { epochEvent, frame, lossFrame, stats } from './frames';

const graph = loadExample('xor-mlp');
const meta = (id: string): RunMeta => ({ id, name: id, startedAt: '2025-01-01T00:00:00.000Z', graph, options: { seed: 1 } });

describe('BoundedSeries', () => {
  it('never exceeds its cap, keeps the newest point and spans the whole history', () => {
    const s = new BoundedSeries(10);
    for (let i = 1; i <= 1000; i++) s.push(i, i * 2);
    expect(s.length).toBeLessThanOrEqual(10);
    expect(s.x[s.length - 1]).toBe(1000);
    expect(s.last()).toBe(2000);
    expect(s.x[0]).toBeLessThan(200);
    // Still in order.
    expect([...s.x].sort((a, b) => a - b)).toEqual(s.x);
  });
});

describe('run store: frames', () => {
  it('places decimated batch losses at their steps and remembers the first loss', () => {
    const store = createRunStore();
    store.add(meta('r1'));
    store.applyFrame(lossFrame('r1', 1, [0.9, 0.8, 0.7]));
    store.applyFrame(lossFrame('r1', 4, [0.6, 0.5], 4));
    const run = store.get('r1')!;
    expect(run.batch.x).toEqual([1, 2, 3, 4, 8]);
    expect(run.batch.y.map((v) => Number(v.toFixed(3)))).toEqual([0.9, 0.8, 0.7, 0.6, 0.5]);
    expect(run.firstLoss).toBeCloseTo(0.9);
    expect(run.step).toBe(8);
  });

  it('adds epoch curves and a gradient norm per layer with parameters', () => {
    const store = createRunStore();
    store.add(meta('r1'));
    store.applyFrame(frame('r1', { step: 32, epoch: 1, epochs: [epochEvent(1, 0.5, 0.7)], layerStats: [stats('d1', { W: 3, b: 4 }), stats('a1', {})] }));
    store.applyFrame(frame('r1', { step: 64, epoch: 2, epochs: [epochEvent(2, 0.25, 0.9)], layerStats: [stats('d1', { W: 0.3, b: 0.4 })] }));
    const run = store.get('r1')!;
    expect(run.epochs.trainLoss.y).toEqual([0.5, 0.25]);
    expect(run.epochs.valAcc.y).toEqual([0.7, 0.9]);
    expect([...run.grads.keys()]).toEqual(['d1']);
    expect(run.grads.get('d1')!.x).toEqual([32, 64]);
    expect(run.grads.get('d1')!.y[0]).toBeCloseTo(5);
    expect(run.grads.get('d1')!.y[1]).toBeCloseTo(0.5);
    const r = readoutOf(run);
    expect(r).toMatchObject({ epoch: 2, step: 64, loss: 0.25, accuracy: 0.9 });
  });

  it('keeps every per-run series within its bounds however long the run', () => {
    const limits = { ...DEFAULT_LIMITS, batchPoints: 64, epochPoints: 40, gradPoints: 8 };
    const store = createRunStore(limits);
    store.add(meta('r1'));
    for (let e = 1; e <= 500; e++) {
      const losses = Array.from({ length: 50 }, (_, i) => 1 / (e + i));
      store.applyFrame(lossFrame('r1', (e - 1) * 50 + 1, losses, 1, { epoch: e, epochs: [epochEvent(e, 1 / e)], layerStats: [stats('d1', { W: 1 })] }));
    }
    const run = store.get('r1')!;
    expect(run.batch.length).toBeLessThanOrEqual(64);
    expect(run.epochs.trainLoss.length).toBeLessThanOrEqual(40);
    expect(run.epochEvents.length).toBeLessThanOrEqual(40);
    expect(run.grads.get('d1')!.length).toBeLessThanOrEqual(8);
    // The newest values survive decimation.
    expect(run.batch.x[run.batch.length - 1]).toBe(25_000);
    expect(run.epochEvents[run.epochEvents.length - 1]!.epoch).toBe(500);
  });

  it('keeps at most `runs` runs, dropping the oldest finished ones but never a live or active run', () => {
    const store = createRunStore({ ...DEFAULT_LIMITS, runs: 3 });
    store.add(meta('live'), false);
    store.add(meta('done1'), false);
    store.applyFrame(frame('done1', { state: 'done' }));
    store.add(meta('done2'), false);
    store.applyFrame(frame('done2', { state: 'done' }));
    store.add(meta('new'));
    expect(store.list().map((r) => r.meta.id)).toEqual(['live', 'done2', 'new']);
  });

  it('ignores frames for unknown runs', () => {
    const store = createRunStore();
    expect(store.applyFrame(frame('ghost'))).toBe(false);
  });
});

describe('run store: reset', () => {
  it('clears the metrics at once and ignores frames sent before the reset landed', () => {
    const store = createRunStore();
    store.add(meta('r1'));
    store.applyFrame(lossFrame('r1', 1, [0.9, 0.8], 1, { state: 'paused' }));
    store.beginReset('r1');
    expect(readoutOf(store.get('r1')).epoch).toBe(0);
    expect(store.get('r1')!.batch.length).toBe(0);
    // Still in flight from before the reset: ignored.
    expect(store.applyFrame(lossFrame('r1', 3, [0.7], 1, { state: 'paused' }))).toBe(false);
    // The reset's own frame (ready, step 0), then training from scratch.
    expect(store.applyFrame(frame('r1', { state: 'ready', step: 0 }))).toBe(true);
    store.applyFrame(lossFrame('r1', 1, [0.95], 1, { state: 'paused' }));
    const run = store.get('r1')!;
    expect(run.batch.x).toEqual([1]);
    expect(run.firstLoss).toBeCloseTo(0.95);
  });

  it('still applies a final stopped or error frame while waiting for a reset', () => {
    const store = createRunStore();
    store.add(meta('r1'));
    store.beginReset('r1');
    expect(store.applyFrame(frame('r1', { state: 'error', error: { type: 'error', code: 'internal', message: 'boom' } }))).toBe(true);
    expect(store.get('r1')!.error).toBe('boom');
  });
});

describe('run store: compare selection', () => {
  it('toggles runs in and out, drops removed runs and caps the selection', () => {
    const store = createRunStore({ ...DEFAULT_LIMITS, compare: 2 });
    for (const id of ['a', 'b', 'c']) store.add(meta(id));
    store.toggleCompare('a');
    store.toggleCompare('b');
    expect(store.compareIds()).toEqual(['a', 'b']);
    store.toggleCompare('c');
    expect(store.compareIds()).toEqual(['b', 'c']);
    store.toggleCompare('b');
    expect(store.compareIds()).toEqual(['c']);
    store.toggleCompare('nope');
    expect(store.compareIds()).toEqual(['c']);
    store.remove('c');
    expect(store.compareIds()).toEqual([]);
    store.setCompare(['a', 'zzz', 'b']);
    expect(store.compareIds()).toEqual(['a', 'b']);
  });

  it('notifies subscribers on every change', () => {
    const store = createRunStore();
    const seen: (string | null)[] = [];
    store.subscribe((id) => seen.push(id));
    store.add(meta('a'));
    store.applyFrame(frame('a'));
    store.toggleCompare('a');
    expect(seen).toEqual(['a', 'a', null]);
  });
});

describe('formatMetric', () => {
  it('prints plain numbers a test can parse', () => {
    expect(formatMetric(0.693147)).toBe('0.6931');
    expect(formatMetric(12)).toBe('12');
    expect(formatMetric(null)).toBe('—');
    expect(Number(formatMetric(0.00012))).toBeCloseTo(0.00012);
  });
});

describe('run store: reset keeps the earlier attempt', () => {
  it('archives the curves so far as a finished run listed before the live one', () => {
    const store = createRunStore();
    store.add(meta('r1'));
    store.applyFrame(lossFrame('r1', 1, [0.9, 0.8], 1, { state: 'paused', epochs: [epochEvent(1, 0.85)] }));
    store.beginReset('r1', { id: 'r1~1', name: 'r1 (before reset)' });
    const [old, live] = store.list();
    expect(old!.meta).toMatchObject({ id: 'r1~1', name: 'r1 (before reset)' });
    expect(old!.state).toBe('stopped');
    expect(old!.batch.y.length).toBe(2);
    expect(old!.firstLoss).toBeCloseTo(0.9);
    expect(live!.meta.id).toBe('r1');
    expect(live!.batch.length).toBe(0);
    expect(live!.epochEvents).toEqual([]);
    expect(store.activeId).toBe('r1');
  });
});

describe('mergeSorted (chart alignment)', () => {
  it('puts both tables on one sorted x axis with nulls where a table has no point', async () => {
    const { mergeSorted } = await import('../../../renderer/training/charts/align');
    expect(mergeSorted([[0.5, 1, 1.5], [9, 8, 7]], [[1, 2], [0.4, 0.3], [1, 2]])).toEqual([
      [0.5, 1, 1.5, 2], [9, 8, 7, null], [null, 0.4, null, 0.3], [null, 1, null, 2],
    ]);
    expect(mergeSorted([[], []], [[], []])).toEqual([[], [], []]);
  });
});

describe('run store: pause', () => {
  it('applies no running frame after the pause was acknowledged, until Resume is sent', () => {
    const store = createRunStore();
    store.add(meta('r1'));
    store.applyFrame(lossFrame('r1', 1, [0.9, 0.8], 1, { epoch: 1 }));
    expect(store.applyFrame(lossFrame('r1', 3, [0.7], 1, { state: 'paused', epoch: 1 }))).toBe(true);
    // A late running frame (e.g. from a resume that raced a second pause) must not move the readouts.
    expect(store.applyFrame(lossFrame('r1', 4, [0.6], 1, { epoch: 2 }))).toBe(false);
    expect(readoutOf(store.get('r1')).step).toBe(3);
    expect(store.get('r1')!.batch.length).toBe(3);
    store.markResumed('r1');
    expect(store.applyFrame(lossFrame('r1', 4, [0.6], 1, { epoch: 2 }))).toBe(true);
    expect(readoutOf(store.get('r1')).step).toBe(4);
    // Paused again: frozen again.
    store.applyFrame(lossFrame('r1', 5, [0.5], 1, { state: 'paused', epoch: 2 }));
    expect(store.applyFrame(lossFrame('r1', 6, [0.4], 1, { epoch: 2 }))).toBe(false);
  });
});

describe('run store: inspect answers per node', () => {
  const maps = (nodeId: string, example: number) => ({ type: 'featureMaps' as const, runId: 'r1', nodeId, example, channels: 1, height: 1, width: 2, values: new Float32Array(2) });

  it('keeps the latest answer for each node with the step it arrived at, and forgets them on reset', () => {
    const store = createRunStore();
    store.add(meta('r1'));
    store.applyFrame(lossFrame('r1', 1, [0.9, 0.8], 1, { state: 'paused' }));
    store.applyNodeInspection(maps('c1', 0));
    // A node preview asking about another node leaves c1's answer (the Layers tab's) in place.
    store.applyNodeInspection(maps('p1', 0));
    store.applyNodeInspection({ type: 'hiddenState', runId: 'r1', nodeId: 'rnn', example: 0, steps: 2, units: 1, values: new Float32Array(2) });
    const run = store.get('r1')!;
    expect([...run.inspected.keys()]).toEqual(['c1', 'p1', 'rnn']);
    expect(run.inspected.get('c1')).toMatchObject({ step: 2, result: { nodeId: 'c1', example: 0 } });
    store.applyNodeInspection(maps('c1', 3));
    expect(run.inspected.get('c1')!.result.example).toBe(3);
    store.beginReset('r1');
    expect(store.get('r1')!.inspected.size).toBe(0);
  });
});
