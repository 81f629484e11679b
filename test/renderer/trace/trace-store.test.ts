import { describe, expect, it } from 'vitest';
import type { EngineCommand, EngineMessage } from '../../../core/protocol/engine';
import type { EngineBridge } from '../../../core/protocol/host';
import type { TraceResult } from '../../../core/protocol/trace';
import { TrainingController } from '../../../renderer/training/controller';
import { TraceStore } from '../../../renderer/trace/trace-store';
import { loadExample } from '../../helpers/examples';
import { frame } from '../training/frames';

/** An engine that records commands and lets the test answer as the worker would. */
function fakeEngine() {
  const listeners = new Set<(m: EngineMessage) => void>();
  const commands: Exclude<EngineCommand, { type: 'start' }>[] = [];
  const engine: EngineBridge = {
    start: () => undefined,
    command: (c) => void commands.push(c),
    onMessage: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return { engine, commands, emit: (m: EngineMessage) => listeners.forEach((l) => l(m)) };
}

function traceAt(runId: string, example: number, step: number, split: 'train' | 'validation' = 'train'): TraceResult {
  const node = (id: string) => ({ id, type: 'Dense', shape: [1], output: Float32Array.of(step), gradOutput: null, params: {} });
  return { type: 'trace', runId, example, split, step, loss: 0.5, input: new Float32Array(2), target: new Float32Array(1), nodes: [node('a'), node('b'), node('c')] };
}

function setup() {
  const e = fakeEngine();
  const c = new TrainingController(e.engine);
  const t = new TraceStore(c);
  const runId = c.startRun(loadExample('xor-mlp'));
  e.emit(frame(runId, { state: 'paused', step: 1 }));
  const traces = () => e.commands.filter((x) => x.type === 'trace');
  return { ...e, c, t, runId, traces };
}

describe('trace store: picking and refreshing', () => {
  it('a pick on a paused run traces that training row; a pick with a trace open keeps the node', () => {
    const { t, emit, runId, traces } = setup();
    t.pick(7);
    expect(traces()).toEqual([{ type: 'trace', runId, example: 7, split: 'train' }]);
    expect(t.get().draft).toBe('7');
    emit(traceAt(runId, 7, 1));
    t.forward();
    t.forward();
    t.pick(3);
    expect(traces().at(-1)).toMatchObject({ example: 3 });
    emit(traceAt(runId, 3, 1));
    expect(t.get()).toMatchObject({ example: 3, index: 2, phase: 'forward', draft: '3' });
    // The Trace button starts from the first node.
    t.start(4);
    emit(traceAt(runId, 4, 1));
    expect(t.get().index).toBe(0);
  });

  it('paused again at another step: the open trace is taken again at the new weights, at the same node', () => {
    const { t, c, emit, runId, traces } = setup();
    t.start(5);
    emit(traceAt(runId, 5, 1));
    t.forward();
    t.backward();
    expect(t.get()).toMatchObject({ index: 0, phase: 'backward' });
    // Resume: while the run trains, the trace is stale and is not retaken on every frame.
    c.play(loadExample('xor-mlp'));
    emit(frame(runId, { state: 'running', step: 40 }));
    expect(t.isStale()).toBe(true);
    expect(traces()).toHaveLength(1);
    // Paused again: one new trace of the same row.
    emit(frame(runId, { state: 'paused', step: 57 }));
    expect(traces()).toHaveLength(2);
    expect(traces()[1]).toMatchObject({ example: 5 });
    emit(frame(runId, { state: 'paused', step: 57 }));
    expect(traces()).toHaveLength(2);
    emit(traceAt(runId, 5, 57));
    expect(t.isStale()).toBe(false);
    expect(t.get()).toMatchObject({ example: 5, index: 0, phase: 'backward', refreshing: false });
    // Resumed to the end: the finished run's final weights are traced too.
    c.play(loadExample('xor-mlp'));
    emit(frame(runId, { state: 'done', step: 80, done: true }));
    expect(traces()).toHaveLength(3);
    expect(traces()[2]).toMatchObject({ example: 5 });
  });

  it('a validation picture traces the validation split, and its refresh stays on that split; the row field keeps its training row', () => {
    const { t, emit, runId, traces } = setup();
    t.setDraft('12');
    t.pick(4, 'validation');
    expect(traces().at(-1)).toEqual({ type: 'trace', runId, example: 4, split: 'validation' });
    emit(traceAt(runId, 4, 1, 'validation'));
    emit(frame(runId, { state: 'paused', step: 2 }));
    expect(traces().at(-1)).toEqual({ type: 'trace', runId, example: 4, split: 'validation' });
    expect(t.get()).toMatchObject({ split: 'validation', draft: '12' });
  });

  it('a trace of a run that is no longer the active one is closed; pick mode follows the trace and the toggle', () => {
    const { t, c, emit, runId } = setup();
    expect(t.get().pickMode).toBe(false);
    t.start(1);
    expect(t.get().pickMode).toBe(true);
    emit(traceAt(runId, 1, 1));
    t.setPickMode(false);
    expect(t.get().pickMode).toBe(false);
    c.store.setActive(null);
    expect(t.get()).toMatchObject({ result: null, runId: null, pickMode: false });
  });

  it('asks for the first training rows once per step until they come, and keeps them for that run', () => {
    const { t, emit, runId, commands } = setup();
    const asks = () => commands.filter((x) => x.type === 'traceRows');
    t.requestRows();
    t.requestRows();
    expect(asks()).toEqual([{ type: 'traceRows', runId, count: 24 }]);
    emit(frame(runId, { state: 'paused', step: 2 }));
    t.requestRows();
    expect(asks()).toHaveLength(2);
    emit({ type: 'traceRows', runId, count: 1, shape: [2], inputs: Float32Array.of(0.5, -1), labels: Float32Array.of(1) });
    expect(t.get().rows?.count).toBe(1);
    emit(frame(runId, { state: 'paused', step: 3 }));
    t.requestRows();
    expect(asks()).toHaveLength(2);
  });
});
