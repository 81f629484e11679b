import { parseGraphObject } from '../../../core/graph/io';
import type { Graph, TrainingConfig } from '../../../core/graph/schema';

export type Layer = [id: string, type: string, params?: Record<string, unknown>];

const TRAINING: TrainingConfig = {
  dataset: { name: 'xor', samples: 200, noise: 0.1, validationSplit: 0.2 },
  optimizer: { type: 'sgd', lr: 0.1 },
  batchSize: 10,
  epochs: 5,
  seed: 3,
};

/** Input → layers… → Loss, wired in order, with positions so inserted nodes get one too. */
export function chain(layers: Layer[], loss: Record<string, unknown>, training: Partial<TrainingConfig> = {}): Graph {
  const nodes = [['in', 'Input'] as Layer, ...layers, ['loss', 'Loss', loss] as Layer];
  const r = parseGraphObject({
    format: 'netloom-graph', version: 1, name: 'advisor test',
    nodes: nodes.map(([id, type, params], i) => ({ id, type, params: params ?? {}, position: { x: 200 * i, y: 0 } })),
    edges: nodes.slice(1).map(([id], i) => ({ id: `e${i}`, source: nodes[i]![0], target: id })),
    training: { ...TRAINING, ...training },
  });
  if (!r.ok) throw new Error(`test graph does not parse: ${JSON.stringify(r.problems)}`);
  return r.graph;
}

export const dense = (id: string, units: number, extra: Record<string, unknown> = {}): Layer => [id, 'Dense', { units, ...extra }];
export const act = (id: string, fn: string): Layer => [id, 'Activation', { fn }];
