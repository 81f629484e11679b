import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTIVATION_LIST } from '../../../core/catalog/activations';
import { parseGraphObject } from '../../../core/graph/io';
import type { Graph, TrainingConfig } from '../../../core/graph/schema';

/** Test graphs for the exporters: the examples (with smaller datasets) and small generated ones. */

export const EXAMPLES_DIR = join(import.meta.dirname, '..', '..', '..', 'examples');

/** Fewer rows where the dataset allows, so parity runs stay fast; 20 batches must still fit. */
const SMALLER_SAMPLES: Record<string, number> = { mnist: 800, sequence: 800, arithmetic: 500, spiral: 500 };

export function exampleGraphs(): { name: string; graph: Graph }[] {
  return readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json')).sort().map((f) => {
    const graph = parse(JSON.parse(readFileSync(join(EXAMPLES_DIR, f), 'utf8')));
    const ds = graph.training.dataset;
    const smaller = SMALLER_SAMPLES[ds.name];
    if (smaller !== undefined) graph.training = { ...graph.training, dataset: { ...ds, samples: smaller } };
    return { name: f.replace(/\.json$/, ''), graph };
  });
}

export function parse(doc: unknown): Graph {
  const r = parseGraphObject(doc);
  if (!r.ok) throw new Error(`test graph does not parse: ${JSON.stringify(r.problems)}`);
  return r.graph;
}

type Layer = [id: string, type: string, params?: Record<string, unknown>];

/** A straight chain: Input → layers… → Loss. */
export function chainGraph(name: string, layers: Layer[], loss: Record<string, unknown>, training: Partial<TrainingConfig>): Graph {
  const nodes = [['in', 'Input'] as Layer, ...layers, ['loss', 'Loss', loss] as Layer];
  return parse({
    format: 'netloom-graph', version: 1, name,
    nodes: nodes.map(([id, type, params]) => ({ id, type, params: params ?? {} })),
    edges: nodes.slice(1).map(([id], i) => ({ id: `e${i}`, source: nodes[i]![0], target: id })),
    training: { ...BASE_TRAINING, ...training },
  });
}

const BASE_TRAINING: TrainingConfig = {
  dataset: { name: 'xor', samples: 300, noise: 0.1, validationSplit: 0.2 },
  optimizer: { type: 'sgd', lr: 0.1 },
  batchSize: 8,
  epochs: 5,
  seed: 7,
};

/** Non-default params, so the exported code has to carry them. */
const ACTIVATION_PARAMS: Record<string, Record<string, unknown>> = { leaky_relu: { alpha: 0.2 }, elu: { alpha: 0.7 } };

/** One small graph per activation fn: Dense → fn → Dense → sigmoid → bce on xor. */
export function activationGraphs(): { name: string; graph: Graph }[] {
  return ACTIVATION_LIST.map((a) => ({
    name: `act-${a.fn}`,
    graph: chainGraph(`act ${a.fn}`, [
      ['d1', 'Dense', { units: 6 }],
      ['act', 'Activation', { fn: a.fn, ...ACTIVATION_PARAMS[a.fn] }],
      ['d2', 'Dense', { units: 1 }],
      ['out', 'Activation', { fn: 'sigmoid' }],
    ], { fn: 'bce' }, {}),
  }));
}

/**
 * Graphs covering every node type, loss, optimizer and training option not in the examples: branches
 * (Add, Concat), LayerNorm, multi-head causal attention, prelu on a sequence, Flatten, Dropout (rate 0,
 * since dropout masks are random), mae, bce_logits, mse on one-hot classes, cross_entropy with logits,
 * L1/L2 and clipping, momentum and the other optimizers.
 */
export function coverageGraphs(): { name: string; graph: Graph }[] {
  const sequence = { name: 'sequence', samples: 400, length: 5, dims: 9, classes: 3, validationSplit: 0.2 };
  const branching = parse({
    format: 'netloom-graph', version: 1, name: 'branching sequence',
    nodes: [
      { id: 'in', type: 'Input', params: {} },
      { id: 'embed', type: 'Dense', params: { units: 8, init: 'he_normal' } },
      { id: 'slope', type: 'Activation', params: { fn: 'prelu' } },
      { id: 'norm', type: 'LayerNorm', params: {} },
      { id: 'attn', type: 'SelfAttention', params: { heads: 2, dModel: 8, causal: true } },
      { id: 'residual', type: 'Add', params: {} },
      { id: 'pool', type: 'MeanPool', params: {} },
      { id: 'flat', type: 'Flatten', params: {} },
      { id: 'first', type: 'Dense', params: { units: 4, bias: false } },
      { id: 'both', type: 'Concat', params: {} },
      { id: 'drop', type: 'Dropout', params: { rate: 0 } },
      { id: 'scores', type: 'Dense', params: { units: 3 } },
      { id: 'loss', type: 'Loss', params: { fn: 'cross_entropy', logits: true } },
    ],
    edges: [
      ['in', 'embed'], ['embed', 'slope'], ['slope', 'norm'], ['norm', 'attn'],
      ['attn', 'residual', 'a'], ['slope', 'residual', 'b'], ['residual', 'pool'],
      ['in', 'flat'], ['flat', 'first'], ['pool', 'both', 'a'], ['first', 'both', 'b'],
      ['both', 'drop'], ['drop', 'scores'], ['scores', 'loss'],
    ].map(([source, target, targetHandle], i) => ({ id: `e${i}`, source, target, ...(targetHandle ? { targetHandle } : {}) })),
    training: { ...BASE_TRAINING, dataset: sequence, optimizer: { type: 'rmsprop', lr: 0.01, momentum: 0.5 }, l2: 0.001, clipNorm: 1 },
  });
  return [
    { name: 'cov-branching', graph: branching },
    {
      name: 'cov-mae-l1-clipvalue',
      graph: chainGraph('sine mae', [['h', 'Dense', { units: 8, init: 'lecun_normal' }], ['t', 'Activation', { fn: 'tanh' }], ['y', 'Dense', { units: 1 }]],
        { fn: 'mae' }, { dataset: { name: 'sine', samples: 300, validationSplit: 0.2 }, optimizer: { type: 'sgd', lr: 0.05, momentum: 0.9, nesterov: true }, l1: 0.001, clipValue: 0.5 }),
    },
    {
      name: 'cov-bce-logits-adamw',
      graph: chainGraph('circle logits', [['h', 'Dense', { units: 8 }], ['r', 'Activation', { fn: 'relu' }], ['logit', 'Dense', { units: 1 }]],
        { fn: 'bce_logits' }, { dataset: { name: 'circle', samples: 300, noise: 0.1, validationSplit: 0.2 }, optimizer: { type: 'adamw', lr: 0.01, weightDecay: 0.05 } }),
    },
    {
      name: 'cov-mse-onehot',
      graph: chainGraph('gaussians mse', [['h', 'Dense', { units: 8 }], ['s', 'Activation', { fn: 'silu' }], ['p', 'Dense', { units: 3 }], ['sm', 'Activation', { fn: 'softmax' }]],
        { fn: 'mse' }, { dataset: { name: 'gaussians', samples: 300, classes: 3, validationSplit: 0.2 } }),
    },
  ];
}
