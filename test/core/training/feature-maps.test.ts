import { describe, expect, it } from 'vitest';
import { compileGraph } from '../../../core/compiler/compile';
import { shapesDataset } from '../../../core/datasets/shapes';
import { Executor } from '../../../core/engine/executor';
import { parseGraphText } from '../../../core/graph/io';
import { EngineMessage } from '../../../core/protocol/engine';
import { featureMapsOf } from '../../../core/session/feature-maps';
import { mulberry32 } from '../../../core/util/rng';
import { channelRange, layoutMaps } from '../../../renderer/training/charts/feature-maps-layout';
import { noResources } from '../datasets/memory-resources';

async function setup() {
  const chain: [string, string, Record<string, unknown>][] = [
    ['in', 'Input', {}], ['c1', 'Conv2D', { filters: 5, padding: 'same' }], ['r1', 'Activation', { fn: 'relu' }], ['p1', 'MaxPool2D', {}],
    ['flat', 'Flatten', {}], ['d', 'Dense', { units: 4 }], ['sm', 'Activation', { fn: 'softmax' }], ['loss', 'Loss', { fn: 'cross_entropy' }],
  ];
  const parsed = parseGraphText(JSON.stringify({
    format: 'netloom-graph', version: 1,
    nodes: chain.map(([id, type, params]) => ({ id, type, params })),
    edges: chain.slice(1).map(([id], i) => ({ id: `e${i}`, source: chain[i]![0], target: id })),
    training: { dataset: { name: 'shapes', samples: 20 }, optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 4, epochs: 1, seed: 1 },
  }));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const c = compileGraph(parsed.graph);
  if (!c.ok) throw new Error(JSON.stringify(c.problems));
  const exec = new Executor(c.plan);
  exec.initParams(mulberry32(1));
  const data = await shapesDataset.load({ samples: 20 }, 1, noResources);
  return { exec, data };
}

describe('feature maps of one example', () => {
  it('are the conv output for that example alone, one map per channel', async () => {
    const { exec, data } = await setup();
    const m = featureMapsOf(exec, data.validation, 'c1', 2)!;
    expect([m.channels, m.height, m.width]).toEqual([5, 16, 16]);
    // Asking again gives the same maps; another example gives others.
    const again = featureMapsOf(exec, data.validation, 'c1', 2)!;
    expect(again.values).toEqual(m.values);
    const other = featureMapsOf(exec, data.validation, 'c1', 3)!;
    expect(other.values).not.toEqual(m.values);
    expect(featureMapsOf(exec, data.validation, 'p1', 0)!.height).toBe(8);
  });

  it('are refused for flat layers and missing examples', async () => {
    const { exec, data } = await setup();
    expect(featureMapsOf(exec, data.validation, 'd', 0)).toBeNull();
    expect(featureMapsOf(exec, data.validation, 'c1', 999)).toBeNull();
    expect(featureMapsOf(exec, data.validation, 'nope', 0)).toBeNull();
  });

  it('cross the worker boundary as a validated message', async () => {
    const { exec, data } = await setup();
    const m = featureMapsOf(exec, data.validation, 'c1', 0)!;
    const msg = { type: 'featureMaps', runId: 'r1', nodeId: 'c1', example: 0, ...m };
    expect(EngineMessage.safeParse(msg).success).toBe(true);
    expect(EngineMessage.safeParse({ ...msg, height: 0 }).success).toBe(false);
  });

  it('are laid out as large as the canvas allows, each channel scaled to its own range', () => {
    const L = layoutMaps(400, 200, 6, 16, 16);
    expect(L.cols).toBe(3);
    const a = L.at(0), b = L.at(4);
    expect(b.x).toBeGreaterThan(a.x);
    expect(b.y).toBeGreaterThan(a.y);
    expect(channelRange([1, 3, 5, 5], 0, 2)).toEqual({ min: 1, span: 2 });
    expect(channelRange([1, 3, 5, 5], 1, 2)).toEqual({ min: 5, span: 0 });
  });
});
