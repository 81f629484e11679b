import { describe, expect, it } from 'vitest';
import { compileGraph } from '../../../core/compiler/compile';
import { Executor } from '../../../core/engine/executor';
import { parseGraphText } from '../../../core/graph/io';
import { mulberry32 } from '../../../core/util/rng';
import { decodeWeightsFor, encodeWeights } from '../../../core/weights';

describe('weights files carry BatchNorm running statistics', () => {
  it('saves and restores runningMean / runningVar with the trainable weights', () => {
    const chain = [['Input', {}], ['Conv2D', { filters: 2 }], ['BatchNorm', {}], ['GlobalAvgPool', {}], ['Dense', { units: 4 }], ['Activation', { fn: 'softmax' }], ['Loss', { fn: 'cross_entropy' }]] as const;
    const parsed = parseGraphText(JSON.stringify({
      format: 'netloom-graph', version: 1,
      nodes: chain.map(([type, params], i) => ({ id: `n${i}`, type, params })),
      edges: chain.slice(1).map((_, i) => ({ id: `e${i}`, source: `n${i}`, target: `n${i + 1}` })),
      training: { dataset: { name: 'shapes', samples: 20 }, optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 4, epochs: 1, seed: 1 },
    }));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const c = compileGraph(parsed.graph);
    if (!c.ok) throw new Error(JSON.stringify(c.problems));
    const exec = new Executor(c.plan);
    exec.initParams(mulberry32(3));
    const mean = c.plan.params.findIndex((p) => p.name === 'runningMean');
    exec.params[mean]!.set([0.25, -0.5]);
    const bytes = encodeWeights(c.plan, exec.params);
    const header = new TextDecoder().decode(bytes.subarray(8, 8 + Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true))));
    expect(header).toContain('"n2.runningMean"');
    expect(header).toContain('"n2.runningVar"');
    const back = decodeWeightsFor(c.plan, bytes);
    expect(Array.from(back[mean]!)).toEqual([0.25, -0.5]);
    back.forEach((v, i) => expect(Array.from(v)).toEqual(Array.from(exec.params[i]!)));
  });
});
