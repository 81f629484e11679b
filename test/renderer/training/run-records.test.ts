import { describe, expect, it } from 'vitest';
import { parseRunsText, serializeRuns } from '../../../core/runs/runs-file';
import { fromRunRecord, toRunRecord } from '../../../renderer/training/run-records';
import { createRunStore, type RunMeta } from '../../../renderer/training/run-store';
import { loadExample } from '../../helpers/examples';
import { epochEvent, frame, lossFrame } from './frames';

const graph = loadExample('xor-mlp');
const meta: RunMeta = { id: 'r1', name: 'XOR · run 1', startedAt: '2025-01-01T00:00:00.000Z', graph, options: { seed: 7, epochs: 3 } };

function trainedRun() {
  const store = createRunStore();
  store.add(meta);
  store.applyFrame(lossFrame('r1', 1, [0.9, 0.8, 0.7, 0.6], 1, { epoch: 1, epochs: [epochEvent(1, 0.75, 0.6)] }));
  store.applyFrame(lossFrame('r1', 5, [0.5, 0.4], 1, { state: 'done', done: true, epoch: 2, epochs: [epochEvent(2, 0.45, 0.9)] }));
  return store.get('r1')!;
}

describe('RunRecord conversion', () => {
  it('survives save → file text → reopen with curves, settings and snapshot intact', () => {
    const run = trainedRun();
    const parsed = parseRunsText(serializeRuns([toRunRecord(run)]));
    if (!parsed.ok) throw new Error(parsed.message);
    const back = fromRunRecord(parsed.runs[0]!);
    expect(back.detached).toBe(true);
    expect(back.state).toBe('done');
    expect(back.meta).toMatchObject({ id: 'r1', name: 'XOR · run 1', options: { seed: 7, epochs: 3 } });
    expect(back.meta.graph.nodes.map((n) => n.id)).toEqual(graph.nodes.map((n) => n.id));
    expect(back.batch.x).toEqual(run.batch.x);
    back.batch.y.forEach((v, i) => expect(v).toBeCloseTo(run.batch.y[i]!));
    expect(back.epochs.trainLoss.y).toEqual([0.75, 0.45]);
    expect(back.epochs.valAcc.y).toEqual([0.6, 0.9]);
    expect(back.firstLoss).toBeCloseTo(0.9);
    // And once more: reopened runs save the same record.
    expect(toRunRecord(back)).toEqual(parsed.runs[0]);
  });

  it('resamples long batch histories onto a uniform stride of bounded length', () => {
    const store = createRunStore();
    store.add(meta);
    const losses = Array.from({ length: 3000 }, (_, i) => 1 / (i + 1));
    store.applyFrame(lossFrame('r1', 1, losses.slice(0, 1500)));
    store.applyFrame(lossFrame('r1', 1501, losses.slice(1500)));
    const rec = toRunRecord(store.get('r1')!);
    expect(rec.batchStride).toBe(2);
    expect(rec.batchLosses.length).toBe(1500);
    // Slot i is step 1 + 2i.
    expect(rec.batchLosses[10]).toBeCloseTo(1 / 21);
  });

  it('saves an unfinished or reset run with a state the file format accepts', () => {
    const store = createRunStore();
    store.add(meta);
    store.applyFrame(frame('r1', { state: 'running' }));
    expect(toRunRecord(store.get('r1')!).state).toBe('running');
    store.beginReset('r1');
    expect(toRunRecord(store.get('r1')!).state).toBe('stopped');
    expect(parseRunsText(serializeRuns([toRunRecord(store.get('r1')!)])).ok).toBe(true);
  });
});
