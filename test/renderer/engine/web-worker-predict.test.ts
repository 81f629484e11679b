import { describe, expect, it } from 'vitest';
import { compileForPrediction, predict } from '../../../core/inference/predict';
import type { EngineMessage } from '../../../core/protocol/engine';
import type { PredictCommand } from '../../../core/protocol/predict';
import { createWebWorkerEngine, type WorkerLike } from '../../../renderer/engine/web-worker-engine';
import { loadExample } from '../../helpers/examples';
import { inProcessWorkers } from '../../helpers/in-process-worker';

const graph = loadExample('xor-mlp');
const rows = Float32Array.from([0, 0, 1, 0, 0.3, 0.9]);
const cmd = (requestId: string, weights: PredictCommand['weights']): PredictCommand => ({
  type: 'predict', requestId, graph, weights, input: { from: 'rows', shape: [3, 2], dtype: 'f4', data: rows, label: 'x' },
});

async function until<T>(get: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("browser mode's engine answers predict", () => {
  it("with a run's weights in that run's own worker, without telling the run's listeners", async () => {
    const workers = inProcessWorkers();
    const engine = createWebWorkerEngine({ createWorker: workers.create });
    const seen: EngineMessage[] = [];
    engine.onMessage((m) => seen.push(m));
    engine.start('r', graph, { epochs: 1000, gridSize: 0, startPaused: true });
    await until(() => seen.find((m) => m.type === 'frame' && m.state === 'paused'));
    engine.command({ type: 'step', runId: 'r', batches: 10 });
    engine.command({ type: 'weights', runId: 'r' });
    const w = await until(() => seen.find((m): m is Extract<EngineMessage, { type: 'weights' }> => m.type === 'weights' && m.step === 10));
    const a = await engine.predict(cmd('q1', { from: 'run', runId: 'r', label: 'run r' }));
    if (a.type !== 'prediction') throw new Error(a.message);
    const direct = predict(compileForPrediction(graph), graph, { shape: [3, 2], dtype: 'f4', data: Float64Array.from(rows) }, w.bytes);
    expect(Array.from(a.data)).toEqual(Array.from(direct.data));
    expect(workers.stats.created).toBe(1); // no extra worker: the run's own answered
    expect(seen.some((m) => m.type === 'prediction')).toBe(false);
    expect(await engine.predict(cmd('q2', { from: 'run', runId: 'gone', label: '' }))).toMatchObject({ type: 'predictError', field: 'weights.runId' });
    engine.dispose();
  });

  it('a predict worker that crashes or cannot start is an error answer, not a hang', async () => {
    const crashing = (): WorkerLike => {
      const listeners: ((e: Event) => void)[] = [];
      return {
        postMessage: () => setTimeout(() => listeners.forEach((l) => l({ message: 'boom', preventDefault() {} } as unknown as Event)), 0),
        terminate: () => undefined,
        addEventListener: (type, l) => void (type === 'error' && listeners.push(l)),
      };
    };
    expect(await createWebWorkerEngine({ createWorker: crashing }).predict(cmd('c', { from: 'initial' })))
      .toMatchObject({ type: 'predictError', message: 'the engine worker crashed: boom' });
    const none = () => { throw new Error('no workers here'); };
    expect(await createWebWorkerEngine({ createWorker: none }).predict(cmd('n', { from: 'initial' })))
      .toMatchObject({ type: 'predictError', message: expect.stringMatching(/could not start an engine worker: no workers here/) });
    // A worker that never answers: ended after the start timeout, with an error answer.
    let ended = false;
    const silent = (): WorkerLike => ({ postMessage: () => undefined, terminate: () => void (ended = true), addEventListener: () => undefined });
    expect(await createWebWorkerEngine({ createWorker: silent, startTimeoutMs: 50 }).predict(cmd('s', { from: 'initial' })))
      .toMatchObject({ type: 'predictError', message: expect.stringMatching(/did not answer within/) });
    expect(ended).toBe(true);
  });
});
