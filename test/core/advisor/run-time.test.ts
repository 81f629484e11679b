import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../core/graph/schema';
import { SessionEvent, type EventOf } from '../../../core/protocol/events';
import { TrainingSession } from '../../../core/session/session';
import { noResources } from '../datasets/memory-resources';
import { loadExample } from '../../helpers/examples';
import { act, chain, dense } from './chain';

/** Train a graph with layer stats every epoch; `tweak` may set weights first (as --load-weights would). */
async function diagnose(graph: Graph, epochs: number, tweak?: (s: TrainingSession) => void) {
  const session = await TrainingSession.create(graph, { resources: noResources, epochs, statsEvery: 1, gridSize: 0, batchEvents: false, sliceMs: 1000 });
  tweak?.(session);
  const events: SessionEvent[] = [];
  session.on((e) => events.push(e));
  const state = await session.start();
  for (const e of events) expect(SessionEvent.safeParse(e).success, JSON.stringify(e).slice(0, 200)).toBe(true);
  const diagnostics = events.filter((e): e is EventOf<'diagnostic'> => e.type === 'diagnostic');
  return { state, events, diagnostics, found: diagnostics.map((d) => [d.rule, d.node]) };
}

function paramOf(s: TrainingSession, node: string, name: string) {
  const i = s.plan.params.findIndex((p) => p.node === node && p.name === name);
  return s.trainer.exec.params[i]!;
}

const RELU_NET = chain([dense('d1', 8), act('a1', 'relu'), dense('d2', 1), act('out', 'sigmoid')], { fn: 'bce' });
const TANH_NET = chain([dense('d1', 8), act('a1', 'tanh'), dense('d2', 1), act('out', 'sigmoid')], { fn: 'bce' });

describe('run-time diagnostics', () => {
  it('a healthy run (the XOR example) raises none', async () => {
    const r = await diagnose(loadExample('xor-mlp'), 30);
    expect(r.state).toBe('done');
    expect(r.found).toEqual([]);
  });

  it('a ReLU layer with a big negative bias is dead: the network is reported dead', async () => {
    const r = await diagnose(RELU_NET, 3, (s) => paramOf(s, 'd1', 'b').fill(-100));
    expect(r.found).toEqual([['dead-network', 'a1']]);
    expect(r.diagnostics[0]!.message).toMatch(/Every unit of "a1" outputs 0/);
  });

  it('a network whose only path to the loss is a step: no weight gets any gradient, the network is dead', async () => {
    const g = chain([dense('d1', 1), act('st', 'step')], { fn: 'mse' }, { dataset: { name: 'plane', samples: 100 } });
    const r = await diagnose(g, 3);
    expect(r.found).toEqual([['dead-network', null]]);
    expect(r.diagnostics[0]!.message).toMatch(/^No weight receives any gradient/);
  });

  it('most units of a ReLU layer dead (6 of 8 biased far below 0) is reported as dead units, with a leaky_relu fix', async () => {
    const r = await diagnose(RELU_NET, 3, (s) => paramOf(s, 'd1', 'b').fill(-100, 0, 6));
    expect(r.found).toEqual([['dead-units', 'a1']]);
    expect(r.diagnostics[0]!.message).toMatch(/^75% of the units of "a1"/);
    expect(r.diagnostics[0]!.fix!.edits).toEqual([{ kind: 'set-param', node: 'a1', param: 'fn', value: 'leaky_relu' }]);
  });

  it('a tanh layer fed huge pre-activations (weights ×50) is saturated', async () => {
    const r = await diagnose(TANH_NET, 3, (s) => {
      const w = paramOf(s, 'd1', 'W');
      for (let i = 0; i < w.length; i++) w[i] *= 50;
    });
    expect(r.found).toEqual([['saturated-units', 'a1']]);
  });

  it('eight sigmoid layers: the first layer gradient is orders of magnitude below the last', async () => {
    const r = await diagnose(loadExample('deep-sigmoid'), 3);
    expect(r.found).toContainEqual(['vanishing-gradients', 'd1']);
    const stats = r.events.find((e): e is EventOf<'layerStats'> => e.type === 'layerStats')!;
    const norm = (id: string) => stats.nodes.find((n) => n.id === id)!.gradNorms.W!;
    expect(norm('d1') / norm('out')).toBeLessThan(1e-3);
  });

  it('a slightly too large step on a linear regression grows the gradient until it is reported exploding', async () => {
    const g = chain([dense('d', 1)], { fn: 'mse' }, { dataset: { name: 'plane', samples: 320 }, optimizer: { type: 'sgd', lr: 0.09 } });
    const r = await diagnose(g, 15);
    expect(r.found).toContainEqual(['exploding-gradients', null]);
    const d = r.diagnostics.find((x) => x.rule === 'exploding-gradients')!;
    expect(d.fix!.edits).toEqual([{ kind: 'set-training', path: ['clipNorm'], value: 1 }]);
    // The same graph with a stable step size does not explode.
    const calm = await diagnose({ ...g, training: { ...g.training, optimizer: { type: 'sgd', lr: 0.02 } } }, 15);
    expect(calm.found.filter(([rule]) => rule === 'exploding-gradients')).toEqual([]);
  });

  it('a linear-only network on XOR stops improving: loss plateau', async () => {
    const r = await diagnose(loadExample('linear-only-xor'), 30);
    expect(r.found).toEqual([['loss-plateau', null]]);
  });

  it('a huge learning rate diverges to NaN: the run stops cleanly with advice and a fix, then the error', async () => {
    const g = loadExample('xor-mlp');
    g.training.optimizer = { type: 'sgd', lr: 1e6 };
    g.nodes.find((n) => n.id === 'a2')!.params = { fn: 'linear' };
    g.nodes.find((n) => n.id === 'loss')!.params = { fn: 'mse' };
    const r = await diagnose(g, 20);
    expect(r.state).toBe('error');
    expect(r.events.at(-2)).toMatchObject({ type: 'diagnostic', rule: 'diverged' });
    expect(r.events.at(-1)).toMatchObject({ type: 'error', code: 'divergence' });
    const d = r.diagnostics.at(-1)!;
    expect(d.message).toMatch(/diverged at step \d+.*Training stopped/);
    expect(d.fix!.edits).toEqual([
      { kind: 'set-training', path: ['optimizer', 'lr'], value: 100000 },
      { kind: 'set-training', path: ['clipNorm'], value: 1 },
    ]);
    // No epoch after the divergence: nothing trained on garbage.
    const errorAt = r.events.findIndex((e) => e.type === 'error');
    expect(r.events.slice(errorAt + 1)).toEqual([]);
  });

  it('weights that overflow on the very last batch still stop the run instead of finishing with garbage', async () => {
    // One batch per epoch and one epoch: the only update is the last. Its loss is finite (~1e35), but
    // with these weights and lr 10 the update overflows d1's weights.
    const g = chain([dense('d1', 1), dense('d2', 1)], { fn: 'mse' }, { dataset: { name: 'plane', samples: 400 }, batchSize: 320, optimizer: { type: 'sgd', lr: 10 } });
    const r = await diagnose(g, 1, (s) => {
      paramOf(s, 'd1', 'W').fill(0.001);
      paramOf(s, 'd2', 'W').fill(1e20);
    });
    expect(r.state).toBe('error');
    expect(r.events.filter((e) => e.type === 'done' || e.type === 'epoch')).toEqual([]);
    expect(r.events.at(-1)).toMatchObject({ type: 'error', code: 'divergence', nodeId: 'd1' });
    expect((r.events.at(-1) as EventOf<'error'>).message).toBe('training diverged after step 1 (epoch 1): the weights W of "d1" are no longer finite');
    expect(r.found.at(-1)).toEqual(['diverged', 'd1']);
    expect(r.diagnostics.at(-1)).toMatchObject({ epoch: 1, step: 1 });
  });

  it('can be switched off', async () => {
    const session = await TrainingSession.create(loadExample('linear-only-xor'), { resources: noResources, epochs: 30, statsEvery: 1, gridSize: 0, batchEvents: false, diagnostics: false });
    const events: SessionEvent[] = [];
    session.on((e) => events.push(e));
    await session.start();
    expect(events.filter((e) => e.type === 'diagnostic')).toEqual([]);
  });
});
