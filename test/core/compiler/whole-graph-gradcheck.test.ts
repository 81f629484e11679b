import { describe, expect, it } from 'vitest';
import { compileGraph } from '../../../core/compiler/compile';
import { Executor } from '../../../core/engine/executor';
import type { Graph } from '../../../core/graph/schema';
import { DEFAULT_TRAINING } from '../../../core/graph/schema';
import { mulberry32 } from '../../../core/util/rng';
import { checkPlanGradients } from '../../helpers/plan-gradcheck';

/** Input → Dense → tanh ─┬────────────┐
 *                         └→ Dense → Add(a, b) → LayerNorm → Dense(3) → softmax → cross_entropy
 * A fan-out (tanh feeds two consumers), a multi-port node and the fused softmax/CE in one graph. */
function residualGraph(): Graph {
  const n = (id: string, type: string, params: Record<string, unknown> = {}) => ({ id, type, params });
  return {
    format: 'netloom-graph', version: 1, name: 'residual',
    nodes: [n('in', 'Input'), n('d1', 'Dense', { units: 4 }), n('t', 'Activation', { fn: 'tanh' }), n('d2', 'Dense', { units: 4 }),
      n('add', 'Add'), n('ln', 'LayerNorm'), n('d3', 'Dense', { units: 3 }), n('sm', 'Activation', { fn: 'softmax' }), n('loss', 'Loss', { fn: 'cross_entropy' })],
    edges: [
      { id: 'e1', source: 'in', target: 'd1' }, { id: 'e2', source: 'd1', target: 't' }, { id: 'e3', source: 't', target: 'd2' },
      { id: 'e4', source: 't', target: 'add', targetHandle: 'a' }, { id: 'e5', source: 'd2', target: 'add', targetHandle: 'b' },
      { id: 'e6', source: 'add', target: 'ln' }, { id: 'e7', source: 'ln', target: 'd3' }, { id: 'e8', source: 'd3', target: 'sm' },
      { id: 'e9', source: 'sm', target: 'loss' },
    ],
    training: { ...DEFAULT_TRAINING, batchSize: 5, dataset: { name: 'gaussians', classes: 3 } },
  };
}

describe('compiled plan, end to end', () => {
  it('fuses softmax into cross-entropy and skips backward where nothing reaches the loss', () => {
    const r = compileGraph(residualGraph());
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const loss = r.plan.ops.find((o) => o.type === 'Loss')!;
    const sm = r.plan.ops.find((o) => o.node === 'sm')!;
    const d3 = r.plan.ops.find((o) => o.node === 'd3')!;
    expect(loss.attrs.fromLogits).toBe(true);
    expect(loss.inputs).toEqual([d3.output]);
    expect(sm.backward).toBe(false);
    expect(r.plan.ops.find((o) => o.node === 'in')!.backward).toBe(false);
    expect(r.plan.target).toEqual({ size: 3, encoding: 'one-hot' });
    expect(r.plan.predictionTensor).toBe(sm.output);
  });

  it('whole-graph gradients match finite differences in float64 (fan-out accumulates)', () => {
    const r = compileGraph(residualGraph());
    if (!r.ok) throw new Error('invalid');
    const exec = new Executor(r.plan, { dtype: 'f64' });
    const rng = mulberry32(11);
    exec.initParams(rng);
    const n = 5;
    for (let i = 0; i < n * 2; i++) exec.input[i] = rng.next() * 4 - 2;
    for (let i = 0; i < n; i++) exec.target[i * 3 + (i % 3)] = 1;
    const { worst, where, checked } = checkPlanGradients(exec, n);
    expect(checked).toBe(55);
    expect(worst, where).toBeLessThan(1e-3);
  });
});
