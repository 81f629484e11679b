import type { Graph } from '../../../core/graph/schema';
import { chainGraph, parse } from './graphs';

/**
 * Exporter test graphs for the convolution family: every new node kind, the uneven 'same' padding
 * (padded explicitly in PyTorch), BatchNorm on [C], [C, L] and [C, H, W] (train-mode steps, eval-mode
 * forward), a Multiply gate, Reshape, Permute and log_softmax.
 */
export function convGraphs(): { name: string; graph: Graph }[] {
  const image = chainGraph('shapes cnn coverage', [
    ['c1', 'Conv2D', { filters: 4, kernelSize: 3, stride: 2, padding: 'same' }],
    ['bn1', 'BatchNorm', { momentum: 0.2 }],
    ['r1', 'Activation', { fn: 'relu' }],
    ['p1', 'MaxPool2D', { poolSize: 3, stride: 2, padding: 'same' }],
    ['c2', 'Conv2D', { filters: 4, kernelSize: 2, groups: 2, padding: 1, bias: false, init: 'xavier_uniform' }],
    ['p2', 'AvgPool2D', { poolSize: 3, stride: 2, padding: 1 }],
    ['c3', 'Conv2D', { filters: 4, kernelSize: 2, dilation: 2, padding: 'same' }],
    ['p3', 'AvgPool2D', { poolSize: 2, padding: 'same' }],
    ['gap', 'GlobalAvgPool'],
    ['out', 'Dense', { units: 4 }],
    ['sm', 'Activation', { fn: 'softmax' }],
  ], { fn: 'cross_entropy' }, {
    dataset: { name: 'shapes', samples: 240, noise: 0.1, validationSplit: 0.2 }, optimizer: { type: 'adam', lr: 0.01 }, batchSize: 8,
  });
  const signal = parse({
    format: 'netloom-graph', version: 1, name: 'conv1d gate coverage',
    nodes: [
      { id: 'in', type: 'Input', params: {} },
      { id: 'chan', type: 'Permute', params: { axes: [2, 1] } },
      { id: 'c1', type: 'Conv1D', params: { filters: 4, kernelSize: 3, padding: 'same', dilation: 2, bias: false } },
      { id: 'bn1', type: 'BatchNorm', params: {} },
      { id: 't1', type: 'Activation', params: { fn: 'tanh' } },
      { id: 'p1', type: 'MaxPool1D', params: { poolSize: 2 } },
      { id: 'p2', type: 'AvgPool1D', params: { poolSize: 2, stride: 1, padding: 1 } },
      { id: 'c2', type: 'Conv1D', params: { filters: 2, kernelSize: 3, stride: 2, padding: 'same' } },
      { id: 'p3', type: 'MaxPool1D', params: { poolSize: 2, stride: 1, padding: 'same' } },
      { id: 'flat', type: 'Reshape', params: { shape: [-1] } },
      { id: 'gate', type: 'Dense', params: { units: 6 } },
      { id: 'sig', type: 'Activation', params: { fn: 'sigmoid' } },
      { id: 'value', type: 'Dense', params: { units: 6 } },
      { id: 'gated', type: 'Multiply', params: {} },
      { id: 'bn2', type: 'BatchNorm', params: { affine: false, epsilon: 0.001 } },
      { id: 'logp', type: 'Activation', params: { fn: 'log_softmax' } },
      { id: 'scores', type: 'Dense', params: { units: 3 } },
      { id: 'sm', type: 'Activation', params: { fn: 'softmax' } },
      { id: 'loss', type: 'Loss', params: { fn: 'cross_entropy' } },
    ],
    edges: [
      ['in', 'chan'], ['chan', 'c1'], ['c1', 'bn1'], ['bn1', 't1'], ['t1', 'p1'], ['p1', 'p2'], ['p2', 'c2'], ['c2', 'p3'], ['p3', 'flat'],
      ['flat', 'gate'], ['gate', 'sig'], ['flat', 'value'], ['sig', 'gated', 'a'], ['value', 'gated', 'b'], ['gated', 'bn2'],
      ['bn2', 'logp'], ['logp', 'scores'], ['scores', 'sm'], ['sm', 'loss'],
    ].map(([source, target, targetHandle], i) => ({ id: `e${i}`, source, target, ...(targetHandle ? { targetHandle } : {}) })),
    training: {
      dataset: { name: 'sequence', samples: 300, length: 6, dims: 8, classes: 3, validationSplit: 0.2 },
      optimizer: { type: 'sgd', lr: 0.05, momentum: 0.9 }, batchSize: 8, epochs: 2, seed: 3,
    },
  });
  return [{ name: 'cov-conv2d-batchnorm', graph: image }, { name: 'cov-conv1d-gate', graph: signal }];
}
