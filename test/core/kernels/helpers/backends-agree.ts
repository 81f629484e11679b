import { expect } from 'vitest';
import type { Plan } from '../../../../core/compiler/plan';
import { compileGraph } from '../../../../core/compiler/compile';
import { getDataset, resolveDatasetParams } from '../../../../core/datasets';
import type { LoadedDataset } from '../../../../core/datasets/types';
import { fillBatch } from '../../../../core/engine/batch';
import { Executor } from '../../../../core/engine/executor';
import type { Graph } from '../../../../core/graph/schema';
import { mulberry32 } from '../../../../core/util/rng';
import { noResources } from '../../datasets/memory-resources';

/** A graph's dataset loaded and the graph compiled against it (throws with the problems otherwise). */
export async function planWithData(graph: Graph): Promise<{ plan: Plan; data: LoadedDataset }> {
  const resolved = resolveDatasetParams(graph.training.dataset);
  if ('error' in resolved) throw new Error(resolved.error.message);
  const data = await getDataset(graph.training.dataset.name)!.load(resolved.params, 1, noResources);
  const r = compileGraph(graph, { datasetInfo: data.info });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return { plan: r.plan, data };
}

/**
 * One training step's forward and backward on a partial batch (batch − 3 rows, so the tail paths run), on
 * the wasm executor and on the TS one from the same initial weights: the wasm one must really be wasm, the
 * losses agree to 1e-5 and every parameter gradient to 1e-4 of its largest entry (+1e-7). With
 * `everyParamLearns`, every parameter must also get a gradient (a comparison of two zeros proves nothing).
 */
export function expectBackendsAgree(plan: Plan, data: LoadedDataset, seed: number, everyParamLearns = true): void {
  const run = (backend: 'auto' | 'js') => {
    const exec = new Executor(plan, { backend });
    exec.initParams(mulberry32(seed));
    const n = plan.batchSize - 3;
    fillBatch(plan, data.train, null, 0, n, exec.input, exec.target);
    exec.forward(n, true);
    exec.backward(n);
    return exec;
  };
  const fast = run('auto');
  const ref = run('js');
  expect(fast.backend).toBe('wasm');
  expect(ref.backend).toBe('js');
  expect(Math.abs(fast.loss - ref.loss)).toBeLessThan(1e-5 * Math.max(1, Math.abs(ref.loss)));
  fast.paramGrads.forEach((g, k) => {
    const want = ref.paramGrads[k]!;
    const label = `${plan.params[k]!.node}.${plan.params[k]!.name}`;
    let scale = 0, worst = 0;
    for (let i = 0; i < want.length; i++) scale = Math.max(scale, Math.abs(want[i]!));
    for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(g[i]! - want[i]!));
    if (everyParamLearns) expect(scale, `${label} has a gradient`).toBeGreaterThan(0);
    expect(worst, label).toBeLessThanOrEqual(1e-4 * scale + 1e-7);
  });
}
