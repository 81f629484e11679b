import { afterEach, describe, expect, it } from 'vitest';
import { EngineHost } from '../../electron/engine-host/engine-host';
import type { EngineFrame, EngineMessage } from '../../core/protocol/engine';
import { loadExample } from '../helpers/examples';

const hosts: EngineHost[] = [];
function makeHost(hangTimeoutMs = 15_000) {
  const host = new EngineHost({
    workerUrl: new URL('../../electron/engine-host/worker-dev.mjs', import.meta.url),
    hangTimeoutMs,
  });
  hosts.push(host);
  const messages: EngineMessage[] = [];
  host.onMessage((m) => messages.push(m));
  const frames = (runId: string) => messages.filter((m): m is EngineFrame => m.type === 'frame' && m.runId === runId);
  const until = async (pred: () => boolean, ms = 30_000) => {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end) throw new Error(`timed out; last frames: ${JSON.stringify(messages.slice(-2).map((m) => m.type === 'frame' ? { state: m.state, epoch: m.epoch, error: m.error } : m))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { host, messages, frames, until };
}

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.dispose()));
});

describe('worker_threads engine host (no Electron)', () => {
  it('starts a run, streams coalesced frames, and finishes', async () => {
    const { host, frames, until } = makeHost();
    host.start('a', loadExample('xor-mlp'), { epochs: 20 });
    await until(() => frames('a').some((f) => f.done));
    const fs = frames('a');
    expect(fs[0]!.start).toMatchObject({ protocol: 1, epochs: 20 });
    expect(fs.at(-1)!.state).toBe('done');
    // 20 epochs × 32 batches, coalesced: far fewer frames than batches, and every loss accounted for.
    const losses = fs.reduce((n, f) => n + f.batchLosses.length * f.batchStride, 0);
    expect(losses).toBeGreaterThanOrEqual(640 - fs.length);
    expect(fs.length).toBeLessThan(640);
    expect(fs.flatMap((f) => f.epochs).map((e) => e.epoch)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(fs.some((f) => f.decisionGrid && f.decisionGrid.values.length === 1600)).toBe(true);
    expect(fs.some((f) => f.confusion && f.confusion.counts.reduce((a, b) => a + b, 0) === 80)).toBe(true);
    expect(fs.some((f) => f.points && f.points.xy.length === 640)).toBe(true);
  });

  it('pause holds the run; step trains exactly one batch; stop ends it at once', async () => {
    const { host, frames, until } = makeHost();
    host.start('p', loadExample('xor-mlp'), { epochs: 500 });
    await until(() => frames('p').some((f) => f.epoch >= 1));
    host.command({ type: 'pause', runId: 'p' });
    await until(() => frames('p').at(-1)!.state === 'paused');
    const at = frames('p').at(-1)!.step;
    await new Promise((r) => setTimeout(r, 200));
    expect(frames('p').at(-1)!.step).toBe(at);
    host.command({ type: 'step', runId: 'p', batches: 1 });
    await until(() => frames('p').at(-1)!.step === at + 1);
    host.command({ type: 'stop', runId: 'p' });
    expect(frames('p').at(-1)!.state).toBe('stopped');
    expect(host.activeRuns()).toEqual([]);
  });

  it('a worker that throws ends its run with an error, and the host serves the next run', async () => {
    const { host, frames, until } = makeHost();
    host.start('crash', loadExample('xor-mlp'), { epochs: 50, crashAfterBatches: 5 });
    await until(() => frames('crash').some((f) => f.state === 'error'));
    expect(frames('crash').at(-1)!.error!.message).toMatch(/crashed.*on purpose/);
    host.start('next', loadExample('xor-mlp'), { epochs: 2 });
    await until(() => frames('next').some((f) => f.done));
    expect(frames('next').at(-1)!.state).toBe('done');
  });

  it('a hung worker is ended by the watchdog', async () => {
    const { host, frames, until } = makeHost(1500);
    host.start('hang', loadExample('xor-mlp'), { epochs: 50, hangAfterBatches: 3 });
    await until(() => frames('hang').some((f) => f.state === 'error'), 20_000);
    expect(frames('hang').at(-1)!.error!.message).toMatch(/stopped responding/);
    expect(host.activeRuns()).toEqual([]);
  });

  it('an invalid graph ends the run with the problems, naming the node', async () => {
    const { host, frames, until } = makeHost();
    const g = loadExample('xor-mlp');
    g.nodes[1]!.params = { units: 0 };
    host.start('bad', g);
    await until(() => frames('bad').some((f) => f.state === 'error'));
    expect(frames('bad').at(-1)!.error!.message).toContain('nodes[1] (id "d1"): Dense.units must be a positive integer, got 0');
  });

  it('memory of a long run stays bounded', async () => {
    const { host, frames, until } = makeHost();
    host.start('long', loadExample('xor-mlp'), { epochs: 3000 });
    await until(() => frames('long').some((f) => f.epoch >= 200));
    const early = process.memoryUsage().heapUsed;
    await until(() => frames('long').some((f) => f.epoch >= 1500), 60_000);
    // Frames are consumed here as a UI would (dropped after reading): the host must not hoard them.
    frames('long').forEach(() => {});
    host.command({ type: 'stop', runId: 'long' });
    const late = process.memoryUsage().heapUsed;
    expect(late - early).toBeLessThan(64 * 1024 * 1024);
  });
});
