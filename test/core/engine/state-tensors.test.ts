import { describe, expect, it } from 'vitest';
import { compileGraph } from '../../../core/compiler/compile';
import { shapesDataset } from '../../../core/datasets/shapes';
import { Trainer } from '../../../core/engine/trainer';
import { parseGraphText } from '../../../core/graph/io';
import { noResources } from '../datasets/memory-resources';

async function bnTrainer(momentum: number) {
  const chain: [string, Record<string, unknown>][] = [
    ['Input', {}], ['Conv2D', { filters: 3 }], ['BatchNorm', { momentum }], ['GlobalAvgPool', {}], ['Dense', { units: 4 }],
    ['Activation', { fn: 'softmax' }], ['Loss', { fn: 'cross_entropy' }],
  ];
  const graph = {
    format: 'netloom-graph', version: 1,
    nodes: chain.map(([type, params], i) => ({ id: `n${i}`, type, params })),
    edges: chain.slice(1).map((_, i) => ({ id: `e${i}`, source: `n${i}`, target: `n${i + 1}` })),
    // AdamW with a large decoupled decay would visibly shrink any tensor the optimizer touched.
    training: { dataset: { name: 'shapes', samples: 40 }, optimizer: { type: 'adamw', lr: 0.1, weightDecay: 0.5 }, batchSize: 8, epochs: 1, seed: 1 },
  };
  const parsed = parseGraphText(JSON.stringify(graph));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const c = compileGraph(parsed.graph);
  if (!c.ok) throw new Error(JSON.stringify(c.problems));
  const data = await shapesDataset.load({ samples: 40 }, 1, noResources);
  const t = new Trainer(c.plan, data, parsed.graph.training);
  const at = (name: string) => t.exec.params[c.plan.params.findIndex((p) => p.name === name)]!;
  return { t, mean: at('runningMean'), variance: at('runningVar'), gamma: at('gamma') };
}

describe('state tensors (BatchNorm running statistics)', () => {
  it('are never stepped or decayed by the optimizer', async () => {
    // momentum 0: the kernel keeps its running statistics, so any change would come from the optimizer.
    const { t, mean, variance, gamma } = await bnTrainer(0);
    for (let i = 0; i < 4; i++) t.trainBatch();
    expect(Array.from(mean)).toEqual([0, 0, 0]);
    expect(Array.from(variance)).toEqual([1, 1, 1]);
    expect(Array.from(gamma)).not.toEqual([1, 1, 1]);
  });

  it('follow the batches in training, stay put in evaluation, and restart on reset', async () => {
    const { t, mean, variance } = await bnTrainer(0.1);
    t.trainBatch();
    const after = Array.from(mean);
    expect(after.some((v) => v !== 0)).toBe(true);
    t.evaluate(t.data.validation);
    expect(Array.from(mean)).toEqual(after);
    t.reset();
    expect(Array.from(mean)).toEqual([0, 0, 0]);
    expect(Array.from(variance)).toEqual([1, 1, 1]);
  });
});
