import { describe, expect, it } from 'vitest';
import type { EngineMessage } from '../../../core/protocol/engine';
import { loadExample } from '../../helpers/examples';
import { workerUnderTest } from './port';

type Frame = Extract<EngineMessage, { type: 'frame' }>;
const isFrame = (m: EngineMessage): m is Frame => m.type === 'frame';

describe('worker frames carry run-time diagnostics', () => {
  it('a diverging run: the frame that ends it has the diverged advice with its fix, and the error', async () => {
    const g = loadExample('xor-mlp');
    g.training.optimizer = { type: 'sgd', lr: 1e6 };
    g.nodes.find((n) => n.id === 'a2')!.params = { fn: 'linear' };
    g.nodes.find((n) => n.id === 'loss')!.params = { fn: 'mse' };
    const w = workerUnderTest();
    w.send({ type: 'start', runId: 'r1', graph: g, options: { epochs: 20, gridSize: 0 } });
    const last = await w.until((m): m is Frame => isFrame(m) && m.state === 'error');
    const diagnostics = w.messages.filter(isFrame).flatMap((f) => f.diagnostics ?? []);
    expect(diagnostics.map((d) => d.rule)).toEqual(['diverged']);
    expect(diagnostics[0]!.fix!.edits[0]).toEqual({ kind: 'set-training', path: ['optimizer', 'lr'], value: 100000 });
    expect(last.error).toMatchObject({ code: 'divergence' });
  });

  it('a plateauing run reports the plateau once', async () => {
    const w = workerUnderTest();
    w.send({ type: 'start', runId: 'r2', graph: loadExample('linear-only-xor'), options: { epochs: 30, gridSize: 0 } });
    await w.until((m): m is Frame => isFrame(m) && m.done);
    const diagnostics = w.messages.filter(isFrame).flatMap((f) => f.diagnostics ?? []);
    expect(diagnostics.map((d) => [d.rule, d.node])).toEqual([['loss-plateau', null]]);
  });
});
