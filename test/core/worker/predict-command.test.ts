import { describe, expect, it } from 'vitest';
import { compileForPrediction, predict } from '../../../core/inference/predict';
import type { EngineMessage } from '../../../core/protocol/engine';
import { MAX_PREDICT_ROWS, type PredictCommand } from '../../../core/protocol/predict';
import { encodeWeights, initialWeights } from '../../../core/weights';
import { loadExample } from '../../helpers/examples';
import { workerUnderTest } from './port';

type Of<T extends EngineMessage['type']> = Extract<EngineMessage, { type: T }>;
type Answer = Of<'prediction'> | Of<'predictError'>;

const graph = loadExample('xor-mlp');
const plan = compileForPrediction(graph);
/** Weights no seed of this graph gives, so using them (and not the initial ones) is visible. */
const otherWeights = new Uint8Array(encodeWeights(plan, initialWeights(plan, 777)));
const rows = Float32Array.from([0, 0, 0, 1, 1, 0, 1, 1, -0.5, 0.25]);

let n = 0;
async function ask(w: ReturnType<typeof workerUnderTest>, cmd: Omit<PredictCommand, 'type' | 'requestId'>): Promise<Answer> {
  const requestId = `q${++n}`;
  w.send({ type: 'predict', requestId, ...cmd });
  return w.until((m): m is Answer => (m.type === 'prediction' || m.type === 'predictError') && m.requestId === requestId);
}
const ok = (a: Answer): Of<'prediction'> => {
  if (a.type !== 'prediction') throw new Error(`expected a prediction, got: ${a.message}`);
  return a;
};

describe('the predict engine command', () => {
  it("on given rows with a weights file: core/inference's output, and says which inputs and weights it used", async () => {
    const w = workerUnderTest();
    const a = ok(await ask(w, { graph, weights: { from: 'bytes', bytes: otherWeights, label: 'mine' }, input: { from: 'rows', shape: [5, 2], dtype: 'f4', data: rows, label: 'x.npy' } }));
    const direct = predict(plan, graph, { shape: [5, 2], dtype: 'f4', data: Float64Array.from(rows) }, otherWeights);
    expect(a.shape).toEqual([5, 1]);
    expect(Array.from(a.data)).toEqual(Array.from(direct.data));
    expect(a.node).toBe(direct.node);
    expect(a.weights).toEqual({ from: 'bytes', label: 'mine' });
    expect(a.input.shape).toEqual([5, 2]);
    expect(Array.from(a.input.data)).toEqual(Array.from(rows));
    const seeded = predict(plan, graph, { shape: [5, 2], dtype: 'f4', data: Float64Array.from(rows) });
    expect(Array.from(a.data)).not.toEqual(Array.from(seeded.data));
  });

  it("on the dataset's first validation examples with the initial weights: the same as core/inference on those rows", async () => {
    const w = workerUnderTest();
    const a = ok(await ask(w, { graph, weights: { from: 'initial' }, input: { from: 'dataset', count: 12 } }));
    expect(a.input.shape).toEqual([12, 2]);
    expect(a.input.label).toMatch(/^the first 12 validation examples of /);
    expect(a.targets).toHaveLength(12);
    expect(a.weights).toEqual({ from: 'initial', label: `the initial weights (seed ${graph.training.seed})` });
    const direct = predict(plan, graph, { shape: [12, 2], dtype: 'f4', data: Float64Array.from(a.input.data) });
    expect(Array.from(a.data)).toEqual(Array.from(direct.data));
  });

  it("with a run id: that run's current weights, as its `weights` message gives them", async () => {
    const w = workerUnderTest();
    w.send({ type: 'start', runId: 'r', graph, options: { epochs: 1000, gridSize: 0, startPaused: true } });
    await w.until((m): m is Of<'frame'> => m.type === 'frame' && m.state === 'paused');
    w.send({ type: 'step', runId: 'r', batches: 20 });
    w.send({ type: 'weights', runId: 'r' });
    const trained = await w.until((m): m is Of<'weights'> => m.type === 'weights' && m.step === 20);
    const a = ok(await ask(w, { graph, weights: { from: 'run', runId: 'r', label: 'run r' }, input: { from: 'rows', shape: [5, 2], dtype: 'f4', data: rows, label: 'x' } }));
    const direct = predict(plan, graph, { shape: [5, 2], dtype: 'f4', data: Float64Array.from(rows) }, trained.bytes);
    expect(Array.from(a.data)).toEqual(Array.from(direct.data));
    expect(a.weights).toEqual({ from: 'run', label: 'run r' });
    const none = await ask(w, { graph, weights: { from: 'run', runId: 'other', label: '' }, input: { from: 'dataset', count: 2 } });
    expect(none).toMatchObject({ type: 'predictError', field: 'weights.runId', message: expect.stringMatching(/no run "other"/) });
  });

  it('refuses bad input with a message naming the field or node, and keeps answering', async () => {
    const w = workerUnderTest();
    const input = (over: object) => ({ from: 'rows' as const, shape: [5, 2], dtype: 'f4', data: rows, label: 'x.npy', ...over });
    const initial = { from: 'initial' as const };
    expect(await ask(w, { graph, weights: initial, input: input({ shape: [2, 5], data: rows }) }))
      .toMatchObject({ type: 'predictError', field: 'input.shape', message: expect.stringMatching(/input has shape \(2, 5\); the graph's Input takes/) });
    expect(await ask(w, { graph, weights: initial, input: input({ dtype: 'c8' }) }))
      .toMatchObject({ type: 'predictError', field: 'input.dtype', message: expect.stringMatching(/dtype c8 is not supported/) });
    expect(await ask(w, { graph, weights: initial, input: input({ shape: [4, 2] }) }))
      .toMatchObject({ type: 'predictError', field: 'input.data', message: expect.stringMatching(/needs 8 values, got 10/) });
    const big = MAX_PREDICT_ROWS + 1;
    expect(await ask(w, { graph, weights: initial, input: input({ shape: [big, 2], data: new Float32Array(big * 2) }) }))
      .toMatchObject({ type: 'predictError', field: 'input.shape', message: expect.stringMatching(new RegExp(`${big} rows; .*up to ${MAX_PREDICT_ROWS}`)) });
    const dense = graph.nodes.find((x) => x.type === 'Dense')!;
    const broken = { ...graph, nodes: graph.nodes.map((x) => (x === dense ? { ...x, params: { ...x.params, units: -3 } } : x)) };
    const a = await ask(w, { graph: broken, weights: initial, input: input({}) });
    expect(a).toMatchObject({ type: 'predictError', message: expect.stringMatching(/^Fix the graph first: /) });
    expect((a as Of<'predictError'>).field).toContain(dense.id);
    expect(await ask(w, { graph, weights: { from: 'bytes', bytes: new Uint8Array([1, 2, 3]), label: 'junk' }, input: input({}) }))
      .toMatchObject({ type: 'predictError', field: 'weights', message: expect.stringMatching(/^weights file: /) });
    // A malformed command is refused at the edge, naming the field.
    w.send({ type: 'predict', requestId: 'bad', graph, weights: initial, input: { from: 'rows', shape: [1, 2], dtype: 'f4', data: [0, 1], label: 'x' } } as Record<string, unknown>);
    const fatal = await w.until((m): m is Of<'fatal'> => m.type === 'fatal');
    expect(fatal.message).toMatch(/input\.data/);
    ok(await ask(w, { graph, weights: initial, input: input({}) }));
  });
});
