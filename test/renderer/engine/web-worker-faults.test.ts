import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ENGINE_PROTOCOL_VERSION, type EngineFrame } from '../../../core/protocol/engine';
import { createWebWorkerEngine, OUT_OF_MEMORY_ADVICE, type WorkerLike } from '../../../renderer/engine/web-worker-engine';

/**
 * Browser mode: a Web Worker that crashes, runs out of memory or is silently stopped by the browser
 * ends only its run, with a message saying what happened; the next run gets a fresh worker and works.
 */
class FakeWorker implements WorkerLike {
  listeners = new Map<string, (e: Event) => void>();
  terminated = false;
  posted: unknown[] = [];
  postMessage(m: unknown) {
    this.posted.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  addEventListener(type: string, l: (e: Event) => void) {
    this.listeners.set(type, l);
  }
  frame(state: string, extra: Partial<EngineFrame> = {}) {
    const f = { type: 'frame', runId: 'r', state, step: 1, epoch: 0, batchInEpoch: 1, batchLosses: new Float32Array(0), batchStride: 1, firstBatchStep: 0, epochs: [], done: state === 'done', ...extra };
    this.listeners.get('message')!({ data: { protocol: ENGINE_PROTOCOL_VERSION, message: f } } as unknown as Event);
  }
  crash(message: string) {
    this.listeners.get('error')!({ message, preventDefault: () => undefined } as unknown as Event);
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const engine = createWebWorkerEngine({ createWorker: () => (workers.push(new FakeWorker()), workers.at(-1)!), hangTimeoutMs: 10_000, startTimeoutMs: 60_000 });
  const frames: EngineFrame[] = [];
  engine.onMessage((m) => {
    if (m.type === 'frame') frames.push(m);
  });
  return { engine, workers, frames };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('browser-mode worker faults', () => {
  it('out of memory is reported with advice, and the next run gets a new worker', () => {
    const { engine, workers, frames } = setup();
    engine.start('r', {}, {});
    workers[0]!.frame('running');
    workers[0]!.crash('Uncaught RangeError: Array buffer allocation failed');
    expect(frames.at(-1)).toMatchObject({ runId: 'r', state: 'error', error: { message: OUT_OF_MEMORY_ADVICE } });
    expect(workers[0]!.terminated).toBe(true);
    engine.start('r', {}, {});
    expect(workers).toHaveLength(2);
    workers[1]!.frame('done', { epoch: 1 });
    expect(frames.at(-1)).toMatchObject({ state: 'done' });
  });

  it('any other crash says the worker crashed and why', () => {
    const { engine, workers, frames } = setup();
    engine.start('r', {}, {});
    workers[0]!.crash('Uncaught TypeError: x is undefined');
    expect(frames.at(-1)!.error!.message).toBe('the training worker crashed: Uncaught TypeError: x is undefined');
  });

  it('a worker that goes silent while running is ended by the watchdog', () => {
    const { engine, workers, frames } = setup();
    engine.start('r', {}, {});
    workers[0]!.frame('running');
    vi.advanceTimersByTime(9_000);
    expect(engine.activeRuns()).toEqual(['r']);
    vi.advanceTimersByTime(3_000);
    expect(frames.at(-1)).toMatchObject({ state: 'error', error: { message: expect.stringMatching(/stopped responding for 10 s/) } });
    expect(engine.activeRuns()).toEqual([]);
    expect(workers[0]!.terminated).toBe(true);
  });

  it('a slow start (loading MNIST) gets longer; a paused run is never ended; resuming watches it again', () => {
    const { engine, workers } = setup();
    engine.start('r', {}, {});
    vi.advanceTimersByTime(30_000);
    expect(engine.activeRuns()).toEqual(['r']);
    workers[0]!.frame('paused');
    vi.advanceTimersByTime(600_000);
    expect(engine.activeRuns()).toEqual(['r']);
    engine.command({ type: 'resume', runId: 'r' });
    vi.advanceTimersByTime(12_000);
    expect(engine.activeRuns()).toEqual([]);
  });

  it('a finished run is not watched', () => {
    const { engine, workers } = setup();
    engine.start('r', {}, {});
    workers[0]!.frame('done', { epoch: 1 });
    vi.advanceTimersByTime(600_000);
    expect(engine.activeRuns()).toEqual(['r']); // kept for inspection until room is needed
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('the watchdog after the page itself slept', () => {
  it('does not end a run because the whole tab (or laptop) was asleep', () => {
    const { engine, workers } = setup();
    engine.start('r', {}, {});
    workers[0]!.frame('running');
    // The clock jumps 5 minutes with no timer firing in between: what a frozen tab or a closed lid looks like.
    vi.setSystemTime(Date.now() + 300_000);
    vi.advanceTimersByTime(1_000);
    expect(engine.activeRuns()).toEqual(['r']);
    // Awake again and still silent: now it is a real hang.
    vi.advanceTimersByTime(12_000);
    expect(engine.activeRuns()).toEqual([]);
  });
});
