import { afterEach, describe, expect, it, vi } from 'vitest';
import { TrainingSession } from '../../../core/session/session';
import { createNodeResources } from '../../../cli/resources';
import { EXAMPLES_DIR, loadExample } from '../../helpers/examples';
import { FrameBuilder } from '../../../core/worker/frame-builder';

/** The speed control: a throttled session trains at the asked rate, and can be set back to full speed. */
describe('TrainingSession speed limit', () => {
  afterEach(() => vi.useRealTimers());

  it('trains about stepsPerSecond batches a second, and runs free again when the limit is lifted', async () => {
    const session = await TrainingSession.create(loadExample('xor-mlp'), {
      resources: createNodeResources(EXAMPLES_DIR), epochs: 50, stepsPerSecond: 5, gridSize: 0, statsEvery: 0,
    });
    vi.useFakeTimers();
    void session.start();
    await vi.advanceTimersByTimeAsync(2000);
    // 5 a second for 2 s: the first batch at once, then one every 200 ms.
    expect(session.trainer.step).toBeGreaterThanOrEqual(10);
    expect(session.trainer.step).toBeLessThanOrEqual(11);
    session.setSpeed(null);
    await vi.advanceTimersByTimeAsync(50);
    expect(session.trainer.step).toBeGreaterThan(40);
    session.stop();
  });
});

describe('FrameBuilder gradient samples', () => {
  it('carries every layerStats sample since the last frame as one total norm per node with parameters', () => {
    const fb = new FrameBuilder();
    const node = (id: string, gradNorms: Record<string, number>) => ({ id, mean: 0, std: 0, histogram: { min: 0, max: 0, counts: [] }, gradNorms });
    fb.add({ type: 'layerStats', epoch: 1, step: 10, nodes: [node('d1', { W: 3, b: 4 }), node('a1', {})] });
    fb.add({ type: 'layerStats', epoch: 2, step: 20, nodes: [node('d1', { W: 0, b: 0 }), node('a1', {})] });
    const f = fb.take('r', 'running');
    expect(f.grads).toEqual({ steps: [10, 20], byNode: { d1: [5, 0] } });
    expect(fb.take('r', 'running').grads).toBeUndefined();
  });
});
