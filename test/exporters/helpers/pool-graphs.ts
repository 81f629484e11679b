import type { Graph } from '../../../core/graph/schema';
import { chainGraph, parse } from './graphs';

const edges = (list: string[][]) => list.map(([source, target, targetHandle], i) => ({ id: `e${i}`, source, target, ...(targetHandle ? { targetHandle } : {}) }));

/**
 * Exporter test graphs for partial-window pooling (ceilMode), per-side padding, both average divisors,
 * LRN and channel Concat. `pool-ceil-keras` uses only what the Keras model file can hold (its pools come
 * out as Keras' own 'same' or explicit zero padding); the LRN graphs are refused there, naming the node.
 * `pool-signal-ceil-lrn`'s p1 (a dilated max pool) and p2 (a partial window past the padding, padding
 * left out of the divisor) have no Keras pooling layer at all: even the Keras script refuses, naming p1.
 */
export const KERAS_SCRIPT_REFUSED: Record<string, string> = { 'pool-signal-ceil-lrn': 'p1' };

export function poolGraphs(): { name: string; graph: Graph }[] {
  const shapes = { dataset: { name: 'shapes', samples: 240, noise: 0.1, validationSplit: 0.2 }, optimizer: { type: 'adam' as const, lr: 0.01 }, batchSize: 8 };
  const lrnImage = chainGraph('pool ceil lrn', [
    ['c1', 'Conv2D', { filters: 4, kernelSize: 3, padding: [0, 1, 1, 0] }],
    ['lrn', 'LRN', { size: 3, alpha: 0.5, beta: 0.75, bias: 1 }],
    ['p1', 'MaxPool2D', { poolSize: 3, stride: 2, ceilMode: true }],
    ['p2', 'AvgPool2D', { poolSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false }],
    ['p3', 'MaxPool2D', { poolSize: 2, stride: 1, padding: [0, 0, 1, 1] }],
    ['lrn2', 'LRN', { size: 2, alpha: 0.3, beta: 0.5, bias: 2 }],
    ['gap', 'GlobalAvgPool'],
    ['out', 'Dense', { units: 4 }],
    ['sm', 'Activation', { fn: 'softmax' }],
  ], { fn: 'cross_entropy' }, shapes);
  const keras = parse({
    format: 'netloom-graph', version: 1, name: 'pool ceil keras',
    nodes: [
      { id: 'in', type: 'Input', params: {} },
      { id: 'a', type: 'Conv2D', params: { filters: 3, kernelSize: 3 } },
      { id: 'b', type: 'Conv2D', params: { filters: 2, kernelSize: 4, padding: [1, 1, 0, 0] } },
      { id: 'cat', type: 'Concat', params: { axis: 1 } },
      { id: 'r', type: 'Activation', params: { fn: 'relu' } },
      { id: 'p1', type: 'MaxPool2D', params: { poolSize: 3, stride: 2, ceilMode: true } },
      { id: 'p2', type: 'AvgPool2D', params: { poolSize: 2, stride: 2, ceilMode: true } },
      { id: 'p3', type: 'AvgPool2D', params: { poolSize: 2, stride: 1, padding: [1, 1, 0, 0] } },
      { id: 'flat', type: 'Flatten', params: {} },
      { id: 'out', type: 'Dense', params: { units: 4 } },
      { id: 'sm', type: 'Activation', params: { fn: 'softmax' } },
      { id: 'loss', type: 'Loss', params: { fn: 'cross_entropy' } },
    ],
    edges: edges([['in', 'a'], ['in', 'b'], ['a', 'cat', 'a'], ['b', 'cat', 'b'], ['cat', 'r'], ['r', 'p1'], ['p1', 'p2'], ['p2', 'p3'], ['p3', 'flat'], ['flat', 'out'], ['out', 'sm'], ['sm', 'loss']]),
    training: { ...shapes, epochs: 1, seed: 4 },
  });
  const signal = parse({
    format: 'netloom-graph', version: 1, name: 'pool signal ceil lrn',
    nodes: [
      { id: 'in', type: 'Input', params: {} },
      { id: 'chan', type: 'Permute', params: { axes: [2, 1] } },
      { id: 'c1', type: 'Conv1D', params: { filters: 4, kernelSize: 3, padding: [3, 1] } },
      { id: 'lrn', type: 'LRN', params: { size: 3, alpha: 0.4, beta: 0.75, bias: 1 } },
      { id: 'p1', type: 'MaxPool1D', params: { poolSize: 2, stride: 3, dilation: 2, ceilMode: true } },
      { id: 'p2', type: 'AvgPool1D', params: { poolSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false } },
      { id: 'flat', type: 'Flatten', params: {} },
      { id: 'lrn2', type: 'LRN', params: { size: 5, alpha: 0.2, beta: 0.75, bias: 1 } },
      { id: 'out', type: 'Dense', params: { units: 3 } },
      { id: 'sm', type: 'Activation', params: { fn: 'softmax' } },
      { id: 'loss', type: 'Loss', params: { fn: 'cross_entropy' } },
    ],
    edges: edges([['in', 'chan'], ['chan', 'c1'], ['c1', 'lrn'], ['lrn', 'p1'], ['p1', 'p2'], ['p2', 'flat'], ['flat', 'lrn2'], ['lrn2', 'out'], ['out', 'sm'], ['sm', 'loss']]),
    training: {
      dataset: { name: 'sequence', samples: 300, length: 8, dims: 8, classes: 3, validationSplit: 0.2 },
      optimizer: { type: 'sgd', lr: 0.05, momentum: 0.9 }, batchSize: 8, epochs: 2, seed: 3,
    },
  });
  return [{ name: 'pool-ceil-lrn', graph: lrnImage }, { name: 'pool-ceil-keras', graph: keras }, { name: 'pool-signal-ceil-lrn', graph: signal }];
}
