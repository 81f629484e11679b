import { describe, expect, it } from 'vitest';
import { compileGraph } from '../../../core/compiler/compile';
import type { Plan } from '../../../core/compiler/plan';
import { Executor } from '../../../core/engine/executor';
import { DEFAULT_TRAINING, type Graph } from '../../../core/graph/schema';
import { mulberry32 } from '../../../core/util/rng';
import { checkPlanGradients } from '../../helpers/plan-gradcheck';

/**
 * Input [1, 6, 6] → Conv2D(3, same) ─┬→ BatchNorm → relu → MaxPool ──────────────┐
 *                                    └→ Conv2D(3, stride 2, groups 3) → sigmoid ─┴→ Multiply → Permute → Flatten → Dense(4) → softmax → CE
 * Conv fan-out, a gate, and the state tensors of BatchNorm in one compiled plan.
 */
function cnnGraph(): Graph {
  const n = (id: string, type: string, params: Record<string, unknown> = {}) => ({ id, type, params });
  const e = (source: string, target: string, targetHandle?: string) => ({ id: `${source}-${target}`, source, target, ...(targetHandle ? { targetHandle } : {}) });
  return {
    format: 'netloom-graph', version: 1, name: 'cnn',
    nodes: [
      n('in', 'Input'), n('c1', 'Conv2D', { filters: 3, padding: 'same' }), n('bn', 'BatchNorm'), n('r', 'Activation', { fn: 'relu' }),
      n('mp', 'MaxPool2D'), n('c2', 'Conv2D', { filters: 3, stride: 2, groups: 3, padding: 1 }), n('s', 'Activation', { fn: 'sigmoid' }),
      n('gate', 'Multiply'), n('perm', 'Permute', { axes: [2, 3, 1] }), n('flat', 'Flatten'), n('d', 'Dense', { units: 4 }),
      n('sm', 'Activation', { fn: 'softmax' }), n('loss', 'Loss', { fn: 'cross_entropy' }),
    ],
    edges: [
      e('in', 'c1'), e('c1', 'bn'), e('bn', 'r'), e('r', 'mp'), e('c1', 'c2'), e('c2', 's'), e('mp', 'gate', 'a'), e('s', 'gate', 'b'),
      e('gate', 'perm'), e('perm', 'flat'), e('flat', 'd'), e('d', 'sm'), e('sm', 'loss'),
    ],
    // The shapes dataset is [3, 16, 16]; a described-only dataset of [1, 6, 6] keeps the check small.
    training: { ...DEFAULT_TRAINING, batchSize: 4, dataset: { name: 'shapes' } },
  };
}

function compiled(): Plan {
  const r = compileGraph(cnnGraph(), { datasetInfo: { inputShape: [1, 6, 6], target: { kind: 'classes', classes: 4 } } });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.plan;
}

function fill(exec: Executor, n: number, seed: number) {
  const rng = mulberry32(seed);
  exec.initParams(rng);
  for (let i = 0; i < n * 36; i++) exec.input[i] = rng.next() * 2 - 1;
  for (let i = 0; i < n; i++) exec.target[i * 4 + (i % 4)] = 1;
}

describe('a compiled CNN plan', () => {
  it('infers the shapes on every edge', () => {
    const plan = compiled();
    const shape = (node: string) => plan.tensors.find((t) => t.node === node)!.shape;
    expect([shape('c1'), shape('mp'), shape('c2'), shape('perm'), shape('flat')]).toEqual([[3, 6, 6], [3, 3, 3], [3, 3, 3], [3, 3, 3], [27]]);
    expect(plan.params.filter((p) => p.trainable === false).map((p) => p.name)).toEqual(['runningMean', 'runningVar']);
  });

  it('whole-graph gradients match finite differences in float64', () => {
    const plan = compiled();
    const exec = new Executor(plan, { dtype: 'f64' });
    const n = 4;
    fill(exec, n, 5);
    const { worst, where, checked } = checkPlanGradients(exec, n);
    expect(checked).toBeGreaterThan(100);
    expect(worst, where).toBeLessThan(1e-3);
  });

  it('wasm and TS backends agree on the loss and every gradient', () => {
    const plan = compiled();
    const run = (backend: 'auto' | 'js') => {
      const exec = new Executor(plan, { backend });
      fill(exec, 3, 9);
      exec.forward(3, true);
      exec.backward(3);
      return exec;
    };
    const fast = run('auto'), ref = run('js');
    expect(fast.backend).toBe('wasm');
    expect(Math.abs(fast.loss - ref.loss)).toBeLessThan(1e-5 * Math.max(1, ref.loss));
    fast.paramGrads.forEach((g, k) => {
      const r = ref.paramGrads[k]!;
      let scale = 0, worst = 0;
      for (let i = 0; i < r.length; i++) scale = Math.max(scale, Math.abs(r[i]!));
      for (let i = 0; i < r.length; i++) worst = Math.max(worst, Math.abs(g[i]! - r[i]!));
      expect(worst, `${plan.params[k]!.node}.${plan.params[k]!.name}`).toBeLessThanOrEqual(1e-4 * scale + 1e-7);
    });
  });
});
