import { describe, expect, it } from 'vitest';
import { EngineMessageEnvelope, ENGINE_PROTOCOL_VERSION, transferablesOf, type EngineMessage } from '../../../core/protocol/engine';
import { TrainingSession } from '../../../core/session/session';
import { traceExample } from '../../../core/trace';
import { noResources } from '../datasets/memory-resources';
import { loadExample } from '../../helpers/examples';
import { workerUnderTest } from './port';

type Of<T extends EngineMessage['type']> = Extract<EngineMessage, { type: T }>;
const is = <T extends EngineMessage['type']>(type: T) => (m: EngineMessage): m is Of<T> => m.type === type;

/** A run long enough that it is still running when the pause lands, however fast the engine is. */
async function pausedXorRun() {
  const w = workerUnderTest();
  const graph = loadExample('xor-mlp');
  w.send({ type: 'start', runId: 'r', graph, options: { epochs: 1_000_000, gridSize: 0 } });
  await w.until((m): m is Of<'frame'> => m.type === 'frame' && m.state === 'running');
  w.send({ type: 'pause', runId: 'r' });
  await w.until((m): m is Of<'frame'> => m.type === 'frame' && m.state === 'paused');
  return { w, graph };
}

describe('worker step-through commands', () => {
  it('trace: a paused run answers with example N at its current weights, equal to a trace of those weights outside the worker', async () => {
    const { w, graph } = await pausedXorRun();
    w.send({ type: 'step', runId: 'r', batches: 7 });
    w.send({ type: 'trace', runId: 'r', example: 9 });
    const t = await w.until(is('trace'));
    expect(t).toMatchObject({ runId: 'r', example: 9, split: 'train' });
    expect(t.nodes.map((n) => n.id)).toEqual(['in', 'd1', 'a1', 'd2', 'a2', 'loss']);

    // Rebuild the same run outside the worker and bring it to the same weights: the same seed and
    // `t.step` batches give bit-identical weights (determinism), so the trace must match exactly.
    const twin = await TrainingSession.create(graph, { resources: noResources, epochs: 1_000_000, gridSize: 0, statsEvery: 0, batchEvents: false });
    twin.step(t.step);
    const expected = traceExample(twin.trainer.exec, twin.data.train, 9);
    expect(t.loss).toBe(expected.loss);
    t.nodes.forEach((n, k) => {
      expect(Array.from(n.output)).toEqual(Array.from(expected.nodes[k]!.output));
      expect(n.gradOutput && Array.from(n.gradOutput)).toEqual(expected.nodes[k]!.gradOutput && Array.from(expected.nodes[k]!.gradOutput!));
      for (const [name, p] of Object.entries(n.params)) expect(Array.from(p.grad)).toEqual(Array.from(expected.nodes[k]!.params[name]!.grad));
    });
    // The message validates and moves its arrays.
    const envelope = { protocol: ENGINE_PROTOCOL_VERSION, message: t };
    expect(EngineMessageEnvelope.safeParse(envelope).success).toBe(true);
    expect(transferablesOf(t).length).toBeGreaterThan(10);
  });

  it('trace after a trace: the run resumes exactly where it was (the trace changes no weight)', async () => {
    const { w } = await pausedXorRun();
    w.send({ type: 'trace', runId: 'r', example: 0 });
    w.send({ type: 'trace', runId: 'r', example: 0 });
    await w.until((m): m is Of<'trace'> => w.messages.filter(is('trace')).length === 2 && m.type === 'trace');
    const [a, b] = w.messages.filter(is('trace'));
    expect(b!.loss).toBe(a!.loss);
    expect(Array.from(b!.nodes[1]!.params.W!.value)).toEqual(Array.from(a!.nodes[1]!.params.W!.value));
  });

  it('trace of the validation split, and a clear message for a row that does not exist', async () => {
    const { w } = await pausedXorRun();
    w.send({ type: 'trace', runId: 'r', example: 2, split: 'validation' });
    expect((await w.until(is('trace'))).split).toBe('validation');
    w.send({ type: 'trace', runId: 'r', example: 5000 });
    expect((await w.until(is('fatal'))).message).toBe('example 5000 does not exist: the train split has 320 rows');
  });

  it('unitMap: one map per unit of a hidden node over the input plane', async () => {
    const { w } = await pausedXorRun();
    w.send({ type: 'unitMap', runId: 'r', nodeId: 'a1', size: 10 });
    const m = await w.until(is('unitMap'));
    expect(m).toMatchObject({ nodeId: 'a1', size: 10, units: 8 });
    expect(m.values).toHaveLength(800);
    // tanh units: every value in [-1, 1] (a float32 tanh rounds to ±1 far out; the pause lands at whatever
    // step the run had reached), and not all the same over the plane.
    expect(Math.max(...m.values)).toBeLessThanOrEqual(1);
    expect(Math.min(...m.values)).toBeGreaterThanOrEqual(-1);
    expect(new Set(Array.from(m.values.subarray(0, 100), (v) => v.toFixed(3))).size).toBeGreaterThan(10);
    w.send({ type: 'unitMap', runId: 'r', nodeId: 'nope' });
    expect((await w.until(is('fatal'))).message).toMatch(/no unit map for "nope"/);
  });

  it('traceRows: the first training rows in the order `trace --example` counts them, with their labels', async () => {
    const { w, graph } = await pausedXorRun();
    w.send({ type: 'traceRows', runId: 'r', count: 12 });
    const rows = await w.until(is('traceRows'));
    expect(rows).toMatchObject({ runId: 'r', count: 12, shape: [2] });
    const twin = await TrainingSession.create(graph, { resources: noResources, gridSize: 0, statsEvery: 0, batchEvents: false });
    expect(Array.from(rows.inputs)).toEqual(Array.from(twin.data.train.inputs.subarray(0, 24)));
    expect(Array.from(rows.labels)).toEqual(Array.from(twin.data.train.targets.subarray(0, 12)));
    // Row 7 of the list is what a trace of example 7 sends through the network.
    w.send({ type: 'trace', runId: 'r', example: 7 });
    expect(Array.from((await w.until(is('trace'))).input)).toEqual(Array.from(rows.inputs.subarray(14, 16)));
    expect(EngineMessageEnvelope.safeParse({ protocol: ENGINE_PROTOCOL_VERSION, message: rows }).success).toBe(true);
    expect(transferablesOf(rows)).toHaveLength(2);
  });

  it('refuses malformed step-through commands with a message naming the field', () => {
    const w = workerUnderTest();
    w.send({ type: 'trace', runId: 'r', example: -1 });
    expect(w.messages[0]).toMatchObject({ type: 'fatal' });
    expect((w.messages[0] as Of<'fatal'>).message).toMatch(/command\.example/);
  });
});
