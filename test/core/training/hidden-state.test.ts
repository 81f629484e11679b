import { describe, expect, it } from 'vitest';
import { compileGraph } from '../../../core/compiler/compile';
import { getDataset } from '../../../core/datasets';
import { Executor } from '../../../core/engine/executor';
import { fillBatch } from '../../../core/engine/batch';
import { EngineMessage } from '../../../core/protocol/engine';
import { hiddenStateOf } from '../../../core/session/hidden-state';
import { mulberry32 } from '../../../core/util/rng';
import { noResources } from '../datasets/memory-resources';
import { loadExample } from '../../helpers/examples';

describe('hidden state over time (Layers tab)', () => {
  it.each(['copy-first-lstm', 'copy-first-gru', 'copy-first-simple-rnn'])('%s: one row per step, the last row is the layer\'s output', async (name) => {
    const graph = loadExample(name);
    const data = await getDataset('copy-first')!.load({ ...graph.training.dataset, samples: 50 } as never, 1, noResources);
    const r = compileGraph(graph, { datasetInfo: data.info });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const exec = new Executor(r.plan);
    exec.initParams(mulberry32(2));
    const h = hiddenStateOf(exec, data.validation, 'rnn', 3)!;
    expect(h.steps).toBe(30);
    expect(h.units).toBe(32);
    expect(h.values.length).toBe(30 * 32);
    expect(h.values.every((v) => v >= -1 && v <= 1)).toBe(true);
    // Same example through a normal forward: the layer's output (last step) equals the last row.
    fillBatch(r.plan, data.validation, null, 3, 1, exec.input, exec.target);
    exec.forward(1, false);
    const out = exec.values[r.plan.ops.find((o) => o.node === 'rnn')!.output]!;
    expect(Array.from(h.values.subarray(29 * 32))).toEqual(Array.from(out.subarray(0, 32)));
    // Earlier steps differ from the last: it is a sequence, not one state repeated.
    expect(Array.from(h.values.subarray(0, 32))).not.toEqual(Array.from(h.values.subarray(29 * 32)));
    expect(hiddenStateOf(exec, data.validation, 'd1', 0)).toBeNull();
    expect(hiddenStateOf(exec, data.validation, 'rnn', data.validation.count)).toBeNull();
    // It crosses the worker boundary as a validated message.
    expect(EngineMessage.safeParse({ type: 'hiddenState', runId: 'r', nodeId: 'rnn', example: 3, ...h }).success).toBe(true);
  });
});
