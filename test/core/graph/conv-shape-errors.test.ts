import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../../core/graph/analyze';
import { formatProblem } from '../../../core/graph/problem';
import { parseGraphObject } from '../../../core/graph/io';

function analyze(layers: [string, string, Record<string, unknown>][], dataset: Record<string, unknown> = { name: 'mnist', layout: 'image' }) {
  const chain = [['in', 'Input', {}] as const, ...layers, ['loss', 'Loss', { fn: 'cross_entropy' }] as const];
  const r = parseGraphObject({
    format: 'netloom-graph', version: 1,
    nodes: chain.map(([id, type, params]) => ({ id, type, params })),
    edges: chain.slice(1).map(([id], i) => ({ id: `e${i}`, source: chain[i]![0], target: id })),
    training: { dataset, optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 8, epochs: 1, seed: 1 },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return analyzeGraph(r.graph).problems.filter((p) => p.severity === 'error');
}

describe('shape errors of the convolution family, as the editor and CLI show them', () => {
  it('names the node whose kernel is larger than its padded input, with a way out', () => {
    const problems = analyze([
      ['c1', 'Conv2D', { filters: 4, kernelSize: 5 }], ['p1', 'MaxPool2D', { poolSize: 4 }], ['c2', 'Conv2D', { kernelSize: 7 }],
      ['flat', 'Flatten', {}], ['d', 'Dense', { units: 10 }], ['sm', 'Activation', { fn: 'softmax' }],
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.nodeId).toBe('c2');
    expect(formatProblem(problems[0]!)).toMatch(/Conv2D kernel of 7 is larger than the padded input height 6 \(6 \+ padding 0\); use a smaller kernel, padding "same"/);
    expect(formatProblem(problems[0]!)).toMatch(/from "p1"/);
  });

  it('names a Dense fed an image and says to add a Flatten', () => {
    const problems = analyze([['c1', 'Conv2D', { filters: 6 }], ['d', 'Dense', { units: 10 }], ['sm', 'Activation', { fn: 'softmax' }]]);
    expect(problems.map((p) => p.nodeId)).toEqual(['d']);
    expect(problems[0]!.message).toMatch(/^Dense works on a flat list of features, but gets the image-like \[B, 6, 26, 26\]; put a Flatten/);
  });

  it('names a Conv2D fed flat MNIST and points at the image layout', () => {
    const problems = analyze([['c1', 'Conv2D', {}], ['gap', 'GlobalAvgPool', {}], ['d', 'Dense', { units: 10 }], ['sm', 'Activation', { fn: 'softmax' }]], { name: 'mnist' });
    expect(problems.map((p) => p.nodeId)).toEqual(['c1']);
    expect(problems[0]!.message).toMatch(/layout "image"/);
  });

  it('reports a bad list or padding param by node and field', () => {
    const problems = analyze([['r', 'Reshape', { shape: [-1, -1] }], ['c1', 'Conv2D', { padding: 'full' }]]);
    expect(problems.map((p) => [p.nodeId, p.code])).toEqual([['r', 'param-range'], ['c1', 'param-range']]);
    expect(problems[0]!.message).toMatch(/^Reshape\.shape may hold at most one -1/);
    expect(problems[1]!.message).toMatch(/^Conv2D\.padding must be "valid", "same", an integer in \[0, 64\] .* or a list of 2 or 4 such integers/);
  });
});
