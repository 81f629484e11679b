import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { compileForPrediction, predict } from '../../core/inference/predict';
import type { PredictAnswer } from '../../core/protocol/predict';
import { loadExample } from '../helpers/examples';
import { fakeElectron } from './fake-electron';
import { useTempDirs } from './temp-dir';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron.module);

const { startApp } = await import('../../electron/main/app');
const tempDir = useTempDirs();
const { state } = fakeElectron;

/** The real main process wiring and engine host (worker threads running the TypeScript worker via tsx). */
async function start() {
  const base = await tempDir();
  state.userData = join(base, 'userData');
  state.documents = join(base, 'docs');
  await mkdir(state.userData, { recursive: true });
  await mkdir(state.documents, { recursive: true });
  await startApp({
    preload: join(base, 'preload.js'), engineWorker: new URL('../../electron/engine-host/worker-dev.mjs', import.meta.url),
    rendererDir: base, examplesDir: base,
  });
  const window = state.windows.at(-1)!;
  const invoke = async (channel: string, frame: { url: string }, ...args: unknown[]) =>
    state.ipcHandlers.get(channel)!({ sender: window.webContents, senderFrame: frame }, ...args);
  return { invoke, window, mainFrame: window.webContents.mainFrame };
}

beforeEach(() => fakeElectron.reset());

const graph = loadExample('xor-mlp');
const rows = Float32Array.from([0, 0, 1, 1, 0.5, -1]);
const command = (over: object = {}) => ({
  type: 'predict', requestId: 'p1', graph, weights: { from: 'initial' },
  input: { from: 'rows', shape: [3, 2], dtype: 'f4', data: rows, label: 'x.npy' }, ...over,
});

describe('Predict in the desktop app', () => {
  it("main forwards engine:predict to a worker thread and answers with core/inference's output", async () => {
    const { invoke, mainFrame } = await start();
    const a = (await invoke('engine:predict', mainFrame, command())) as PredictAnswer;
    if (a.type !== 'prediction') throw new Error(a.message);
    const plan = compileForPrediction(graph);
    const direct = predict(plan, graph, { shape: [3, 2], dtype: 'f4', data: Float64Array.from(rows) });
    expect(a.shape).toEqual([3, 1]);
    expect(Array.from(a.data)).toEqual(Array.from(direct.data));
    expect(a.weights.from).toBe('initial');
    const bad = (await invoke('engine:predict', mainFrame, command({ input: { from: 'rows', shape: [3, 3], dtype: 'f4', data: new Float32Array(9), label: 'x.npy' } }))) as PredictAnswer;
    expect(bad).toMatchObject({ type: 'predictError', field: 'input.shape', message: expect.stringMatching(/input has shape \(3, 3\)/) });
  }, 60_000);

  it("with a run's weights: answered by that run's worker thread, not sent to the window as a run event", async () => {
    const { invoke, window, mainFrame } = await start();
    await invoke('engine:start', mainFrame, 'r', graph, { epochs: 1000, gridSize: 0, startPaused: true });
    const end = Date.now() + 30_000;
    const paused = () => window.sent.some(([ch, m]) => ch === 'engine:message' && (m as { type: string; state?: string }).type === 'frame' && (m as { state?: string }).state === 'paused');
    while (!paused()) {
      if (Date.now() > end) throw new Error('the run never paused');
      await new Promise((r) => setTimeout(r, 10));
    }
    const a = (await invoke('engine:predict', mainFrame, command({ weights: { from: 'run', runId: 'r', label: 'run r' } }))) as PredictAnswer;
    if (a.type !== 'prediction') throw new Error(a.message);
    // Paused at step 0: the run's weights are the seed's.
    const direct = predict(compileForPrediction(graph), graph, { shape: [3, 2], dtype: 'f4', data: Float64Array.from(rows) });
    expect(Array.from(a.data)).toEqual(Array.from(direct.data));
    expect(a.weights).toEqual({ from: 'run', label: 'run r' });
    expect(window.sent.some(([, m]) => (m as { type?: string }).type === 'prediction')).toBe(false);
    await invoke('engine:command', mainFrame, { type: 'stop', runId: 'r' });
  }, 60_000);

  it('refuses a foreign sender and a malformed command before any worker starts, naming the field', async () => {
    const { invoke } = await start();
    await expect(invoke('engine:predict', { url: 'https://evil.example/' }, command())).rejects.toThrow(/sender is not the NetLoom window/);
    const { invoke: ours, mainFrame } = await start();
    await expect(ours('engine:predict', mainFrame, command({ input: { from: 'dataset', count: 0 } }))).rejects.toThrow(/Invalid arguments for 'engine:predict': args\[0\]\.input\.count/);
    await expect(ours('engine:predict', mainFrame, command({ weights: { from: 'somewhere' } }))).rejects.toThrow(/args\[0\]\.weights/);
  });
});
