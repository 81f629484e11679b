import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../core/protocol/events';
import { statsStrideFor, TrainingSession } from '../../../core/session/session';
import { createNodeResources } from '../../../cli/resources';
import { EXAMPLES_DIR, loadExample } from '../../helpers/examples';

/**
 * A run of few long epochs (LeNet-5: 3 × 250 batches) used to get one layer-statistics sample an epoch,
 * so its gradient chart had three points. With statsWithinEpoch the session samples inside the epochs
 * too; a run of many short epochs keeps exactly one sample an epoch.
 */
describe('layer statistics inside long epochs', () => {
  it('samples about 50 times a run of few long epochs, at most 10 an epoch, never short epochs', () => {
    expect(statsStrideFor(250, 3)).toBe(25); // LeNet-5, MNIST MLP: 10 an epoch
    expect(statsStrideFor(50, 6)).toBe(5); // shapes CNN: 9 inside + the end
    expect(statsStrideFor(200, 4)).toBe(20); // copy-first recurrent templates
    expect(statsStrideFor(32, 200)).toBe(0); // XOR: one an epoch already
    expect(statsStrideFor(20, 2)).toBe(0); // short epochs are left alone, however few
    expect(statsStrideFor(500, 60)).toBe(0); // many epochs: one an epoch is plenty
    expect(statsStrideFor(50, 100)).toBe(0);
  });

  async function statsOf(statsWithinEpoch: boolean): Promise<Extract<SessionEvent, { type: 'layerStats' }>[]> {
    // The XOR template on 1,000 circle points: 80 batches an epoch, 2 epochs.
    const graph = loadExample('xor-mlp');
    graph.training = { ...graph.training, dataset: { name: 'circle', samples: 1000, noise: 0.1, validationSplit: 0.2 } };
    const session = await TrainingSession.create(graph, { resources: createNodeResources(EXAMPLES_DIR), epochs: 2, sliceMs: 50, gridSize: 0, statsEvery: 1, statsWithinEpoch });
    const events: SessionEvent[] = [];
    session.on((e) => events.push(e));
    expect(await session.start()).toBe('done');
    return events.filter((e): e is Extract<SessionEvent, { type: 'layerStats' }> => e.type === 'layerStats');
  }

  it('emits stats after every stride\'s batch and at each epoch\'s end, with their gradient norms', async () => {
    const stats = await statsOf(true);
    // 25 wanted an epoch, capped at 10: a stride of 8 batches, the 10th sample being the epoch's end.
    expect(stats.map((s) => s.step)).toEqual([8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120, 128, 136, 144, 152, 160]);
    expect(stats.map((s) => s.epoch)).toEqual([...Array(10).fill(1), ...Array(10).fill(2)]);
    for (const s of stats) expect(s.nodes.find((n) => n.id === 'd1')!.gradNorms.W).toBeGreaterThan(0);
    // Each sample describes its own batch: the norms move from one to the next.
    const norms = stats.map((s) => s.nodes.find((n) => n.id === 'd1')!.gradNorms.W!);
    expect(new Set(norms).size).toBe(norms.length);
  });

  it('keeps one sample an epoch without it (the CLI\'s stream), identical to the epoch-end samples with it', async () => {
    const plain = await statsOf(false);
    expect(plain.map((s) => s.step)).toEqual([80, 160]);
    const within = await statsOf(true);
    // Sampling reads the state, it does not change training: the epoch-end samples are the same.
    expect(within.filter((s) => s.step % 80 === 0)).toEqual(plain);
  });
});
