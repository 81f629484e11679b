import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../core/protocol/events';
import { SessionEvent as SessionEventSchema } from '../../../core/protocol/events';
import { TrainingSession } from '../../../core/session/session';
import { createNodeResources } from '../../../cli/resources';
import { EXAMPLES_DIR, loadExample } from '../../helpers/examples';

async function xorSession(epochs = 3) {
  const graph = loadExample('xor-mlp');
  const session = await TrainingSession.create(graph, { resources: createNodeResources(EXAMPLES_DIR), epochs, sliceMs: 5 });
  const events: SessionEvent[] = [];
  session.on((e) => events.push(e));
  return { session, events };
}

describe('TrainingSession', () => {
  it('emits valid protocol events in order: start, batches, epoch stats, done', async () => {
    const { session, events } = await xorSession(2);
    expect(await session.start()).toBe('done');
    for (const e of events) expect(SessionEventSchema.safeParse(e).success).toBe(true);
    expect(events[0]).toMatchObject({ type: 'start', protocol: 1, epochs: 2, batchesPerEpoch: 32 });
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t === 'batch')).toHaveLength(64);
    expect(types.filter((t) => t === 'epoch')).toHaveLength(2);
    expect(types.at(-1)).toBe('done');
    const stats = events.find((e) => e.type === 'layerStats');
    expect(stats && stats.type === 'layerStats' && stats.nodes.map((n) => n.id)).toEqual(['d1', 'a1', 'd2', 'a2']);
    const d1 = stats && stats.type === 'layerStats' ? stats.nodes[0]! : null;
    expect(d1!.gradNorms.W).toBeGreaterThan(0);
    expect(d1!.histogram.counts.reduce((a, b) => a + b, 0)).toBe(10 * 8);
    const a1 = stats && stats.type === 'layerStats' ? stats.nodes[1]! : null;
    expect(a1!.saturatedFraction).toBeGreaterThanOrEqual(0);
    const grid = events.find((e) => e.type === 'decisionGrid');
    expect(grid && grid.type === 'decisionGrid' && grid.values).toHaveLength(40 * 40);
  });

  it('step(n) trains exactly n batches while paused, then resume finishes the run', async () => {
    const { session, events } = await xorSession(1);
    session.step(3);
    expect(session.state).toBe('paused');
    expect(session.trainer.step).toBe(3);
    expect(events.filter((e) => e.type === 'batch')).toHaveLength(3);
    expect(await session.resume()).toBe('done');
    expect(session.trainer.step).toBe(32);
  });

  it('pause stops between batches and resume continues from there', async () => {
    const { session } = await xorSession(50);
    const running = session.start();
    await new Promise((r) => setTimeout(r, 30));
    session.pause();
    expect(await running).toBe('paused');
    const at = session.trainer.step;
    await new Promise((r) => setTimeout(r, 30));
    expect(session.trainer.step).toBe(at);
    session.stop();
    expect(session.state).toBe('stopped');
  });

  it('reset returns to the same initial weights: the first losses repeat exactly', async () => {
    const { session, events } = await xorSession(1);
    session.step(5);
    const first = events.filter((e) => e.type === 'batch').map((e) => (e as { loss: number }).loss);
    session.reset();
    expect(session.trainer.step).toBe(0);
    events.length = 0;
    session.step(5);
    const again = events.filter((e) => e.type === 'batch').map((e) => (e as { loss: number }).loss);
    expect(again).toEqual(first);
  });

  it('predict gives the prediction for given inputs, in eval mode', async () => {
    const { session } = await xorSession(30);
    await session.start();
    const p = session.predict(Float32Array.from([3, 3, -3, 3, -3, -3, 3, -3]), 4);
    expect(Array.from(p, (v) => (v > 0.5 ? 1 : 0))).toEqual([1, 0, 1, 0]);
  });

  it('a diverging run stops with an error event that says what and suggests a fix', async () => {
    const graph = loadExample('xor-mlp');
    graph.training.optimizer = { type: 'sgd', lr: 1e6 };
    graph.nodes.find((n) => n.id === 'a2')!.params = { fn: 'linear' };
    graph.nodes.find((n) => n.id === 'loss')!.params = { fn: 'mse' };
    const session = await TrainingSession.create(graph, { resources: createNodeResources(EXAMPLES_DIR), epochs: 20 });
    const events: SessionEvent[] = [];
    session.on((e) => events.push(e));
    expect(await session.start()).toBe('error');
    const err = events.at(-1)!;
    expect(err).toMatchObject({ type: 'error', code: 'divergence' });
    expect(err.type === 'error' && err.message).toMatch(/diverged at step \d+/);
    expect(err.type === 'error' && err.suggestion).toMatch(/lower the learning rate/);
  });
});
