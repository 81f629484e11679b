import type { Graph } from '../../../core/graph/schema';
import { parse } from './graphs';

/**
 * Exporter test graph for what torchvision classifiers need: a squeeze-excite gate ([C, 1, 1] times the
 * feature map [C, H, W], a broadcast Multiply), a broadcast Add, a Slice of channels (ShuffleNet's split)
 * and a Concat of channels (axis 1, DenseNet's and ShuffleNet's join).
 */
export function broadcastGraphs(): { name: string; graph: Graph }[] {
  const graph = parse({
    format: 'netloom-graph', version: 1, name: 'squeeze-excite and channel concat coverage',
    nodes: [
      { id: 'in', type: 'Input', params: {} },
      { id: 'c1', type: 'Conv2D', params: { filters: 4, kernelSize: 3, padding: 'same' } },
      { id: 'squeeze', type: 'GlobalAvgPool', params: {} },
      { id: 'excite', type: 'Dense', params: { units: 4 } },
      { id: 'sig', type: 'Activation', params: { fn: 'sigmoid' } },
      { id: 'gate', type: 'Reshape', params: { shape: [4, 1, 1] } },
      { id: 'scaled', type: 'Multiply', params: {} },
      { id: 'shifted', type: 'Add', params: {} },
      { id: 'half', type: 'Slice', params: { axis: 1, start: 1, end: 3 } },
      { id: 'c2', type: 'Conv2D', params: { filters: 2, kernelSize: 1 } },
      { id: 'joined', type: 'Concat', params: { axis: 1 } },
      { id: 'gap', type: 'GlobalAvgPool', params: {} },
      { id: 'scores', type: 'Dense', params: { units: 4 } },
      { id: 'sm', type: 'Activation', params: { fn: 'softmax' } },
      { id: 'loss', type: 'Loss', params: { fn: 'cross_entropy' } },
    ],
    edges: [
      ['in', 'c1'], ['c1', 'squeeze'], ['squeeze', 'excite'], ['excite', 'sig'], ['sig', 'gate'], ['gate', 'scaled', 'a'], ['c1', 'scaled', 'b'],
      ['scaled', 'shifted', 'a'], ['gate', 'shifted', 'b'], ['in', 'c2'], ['shifted', 'half'], ['half', 'joined', 'a'], ['c2', 'joined', 'b'], ['joined', 'gap'],
      ['gap', 'scores'], ['scores', 'sm'], ['sm', 'loss'],
    ].map(([source, target, targetHandle], i) => ({ id: `e${i}`, source, target, ...(targetHandle ? { targetHandle } : {}) })),
    training: {
      dataset: { name: 'shapes', samples: 240, noise: 0.1, validationSplit: 0.2 },
      optimizer: { type: 'adam', lr: 0.01 }, batchSize: 8, epochs: 2, seed: 5,
    },
  });
  return [{ name: 'cov-squeeze-excite-concat', graph }];
}
