import type { DatasetInfo } from '../catalog/types';
import type { LoadedDataset } from '../datasets/types';
import type { Graph, GraphNode, OptimizerConfig } from '../graph/schema';
import { mulberry32, type Rng } from '../util/rng';

/**
 * The four reference workloads of docs/perf.md, built as ordinary NetLoom graphs so the bench measures
 * exactly what the app runs. Data comes from mulberry32(42); weights are drawn by the engine's own
 * initialiser from mulberry32(1234) in plan order (W of each layer, biases zero), which is the protocol.
 * W5 (LeNet-5) and W6 (LSTM) are engine-speed issue 12's: conv weights are [F][C][kh][kw] and the LSTM's
 * W_ih [4H][d], W_hh [4H][H] (PyTorch's layouts), so plan order is the issue's stream order.
 */
export type WorkloadName = 'W1' | 'W2' | 'W3' | 'W4' | 'W5' | 'W6';
export const WORKLOADS: readonly WorkloadName[] = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6'];

export const DATA_SEED = 42;
export const WEIGHT_SEED = 1234;

export interface Workload {
  name: WorkloadName;
  title: string;
  graph: Graph;
  datasetInfo: DatasetInfo;
  data: LoadedDataset;
  /** What the figure counts: optimizer steps or training samples per second. */
  unit: 'steps/s' | 'samples/s';
  /** PyTorch 1.13's minibatch loss at step 100 with the same data and weights (null: drifts with rounding). */
  referenceLoss100: number | null;
}

/** A layer chain: Input → each node in turn → Loss. */
function chain(
  name: string, layers: { type: string; params: Record<string, unknown> }[], loss: string, optimizer: OptimizerConfig, batchSize: number,
): Graph {
  const nodes: GraphNode[] = [{ id: 'in', type: 'Input', params: {} }];
  layers.forEach((l, i) => nodes.push({ id: `n${i}`, ...l }));
  nodes.push({ id: 'loss', type: 'Loss', params: { fn: loss } });
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]!.id, target: n.id }));
  return {
    format: 'netloom-graph', version: 1, name, nodes, edges,
    // The dataset name only satisfies the schema: the bench supplies its own data and DatasetInfo.
    training: { dataset: { name: 'xor' }, optimizer, batchSize, epochs: 1, seed: 1, shuffle: false },
  };
}

const dense = (units: number) => ({ type: 'Dense', params: { units, init: 'xavier_uniform' } });
const act = (fn: string) => ({ type: 'Activation', params: { fn } });

function loaded(info: DatasetInfo, count: number, inputs: Float32Array, targets: Float32Array): LoadedDataset {
  const empty = { count: 0, inputs: new Float32Array(0), targets: new Float32Array(0) };
  return { info, train: { count, inputs, targets }, validation: empty };
}

/** TensorFlow Playground's two spirals, 250 points per class, interleaved class 0, class 1. */
function spirals(rng: Rng): { inputs: Float32Array; targets: Float32Array } {
  const inputs = new Float32Array(500 * 2);
  const targets = new Float32Array(500);
  let row = 0;
  for (let i = 0; i < 250; i++) {
    for (let c = 0; c < 2; c++, row++) {
      const r = (i / 250) * 5;
      const t = 1.75 * (i / 250) * 2 * Math.PI + c * Math.PI;
      inputs[2 * row] = r * Math.sin(t) + (rng.next() * 2 - 1) * 0.2;
      inputs[2 * row + 1] = r * Math.cos(t) + (rng.next() * 2 - 1) * 0.2;
      targets[row] = c;
    }
  }
  return { inputs, targets };
}

function uniformRows(rng: Rng, count: number, size: number, lo: number, hi: number): Float32Array {
  const a = new Float32Array(count * size);
  for (let i = 0; i < a.length; i++) a[i] = lo + rng.next() * (hi - lo);
  return a;
}

function classLabels(rng: Rng, count: number, classes: number): Float32Array {
  const a = new Float32Array(count);
  for (let i = 0; i < count; i++) a[i] = Math.floor(rng.next() * classes);
  return a;
}

export function buildWorkload(name: WorkloadName): Workload {
  const rng = mulberry32(DATA_SEED);
  switch (name) {
    case 'W1': {
      const info: DatasetInfo = { inputShape: [2], target: { kind: 'binary' } };
      const { inputs, targets } = spirals(rng);
      return {
        name, title: 'two spirals, MLP 2→8→8→1 tanh, BCE, SGD, batch 10', unit: 'steps/s', referenceLoss100: 0.793631,
        graph: chain('W1', [dense(8), act('tanh'), dense(8), act('tanh'), dense(1), act('sigmoid')], 'bce', { type: 'sgd', lr: 0.03 }, 10),
        datasetInfo: info, data: loaded(info, 500, inputs, targets),
      };
    }
    case 'W2': {
      const info: DatasetInfo = { inputShape: [784], target: { kind: 'classes', classes: 10 } };
      const inputs = uniformRows(rng, 512, 784, 0, 1);
      const targets = classLabels(rng, 512, 10);
      return {
        name, title: 'random 784-d inputs, MLP 784→128→64→10 ReLU, softmax CE, Adam, batch 64', unit: 'samples/s', referenceLoss100: null,
        graph: chain('W2', [dense(128), act('relu'), dense(64), act('relu'), dense(10), act('softmax')], 'cross_entropy', adam, 64),
        datasetInfo: info, data: loaded(info, 512, inputs, targets),
      };
    }
    case 'W3': {
      const info: DatasetInfo = { inputShape: [2], target: { kind: 'binary' } };
      const inputs = uniformRows(rng, 512, 2, -1, 1);
      const targets = new Float32Array(512);
      for (let i = 0; i < 512; i++) targets[i] = inputs[2 * i]! * inputs[2 * i + 1]! > 0 ? 1 : 0;
      const layers = [];
      for (let i = 0; i < 10; i++) layers.push(dense(16), act('sigmoid'));
      return {
        name, title: 'xor quadrants, MLP 2→16×10→1 sigmoid, MSE, SGD, batch 32', unit: 'steps/s', referenceLoss100: 0.255148,
        graph: chain('W3', [...layers, dense(1), act('sigmoid')], 'mse', { type: 'sgd', lr: 0.1 }, 32),
        datasetInfo: info, data: loaded(info, 512, inputs, targets),
      };
    }
    case 'W4': {
      const info: DatasetInfo = { inputShape: [16, 32], target: { kind: 'classes', classes: 4 } };
      const inputs = uniformRows(rng, 256, 16 * 32, -1, 1);
      const targets = classLabels(rng, 256, 4);
      const attention = { type: 'SelfAttention', params: { heads: 1, dModel: 32, causal: false } };
      return {
        name, title: 'random sequences 16×32, self-attention → mean → 4 classes, Adam, batch 32', unit: 'samples/s', referenceLoss100: 1.228362,
        graph: chain('W4', [attention, { type: 'MeanPool', params: {} }, dense(4), act('softmax')], 'cross_entropy', adam, 32),
        datasetInfo: info, data: loaded(info, 256, inputs, targets),
      };
    }
    case 'W5': {
      const info: DatasetInfo = { inputShape: [1, 28, 28], target: { kind: 'classes', classes: 10 } };
      const inputs = uniformRows(rng, 512, 784, 0, 1);
      const targets = classLabels(rng, 512, 10);
      return {
        name, title: 'random 28×28 images, LeNet-5 (conv 6, pool, conv 16, pool, 120, 84, 10), Adam, batch 64', unit: 'samples/s',
        // PyTorch reaches ≈ 2.074901; the conv sums round differently, so the test bounds the drift instead.
        referenceLoss100: null,
        graph: chain('W5', [
          conv(6, 2), act('relu'), pool(), conv(16, 'valid'), act('relu'), pool(), { type: 'Flatten', params: {} },
          dense(120), act('relu'), dense(84), act('relu'), dense(10), act('softmax'),
        ], 'cross_entropy', adam, 64),
        datasetInfo: info, data: loaded(info, 512, inputs, targets),
      };
    }
    case 'W6': {
      const info: DatasetInfo = { inputShape: [32, 8], target: { kind: 'classes', classes: 4 } };
      const inputs = uniformRows(rng, 256, 32 * 8, -1, 1);
      const targets = classLabels(rng, 256, 4);
      // forgetBias 0: the biases are all zero (NetLoom's default starts the forget gate at 1).
      const lstm = { type: 'LSTM', params: { units: 64, returnSequences: false, forgetBias: 0 } };
      return {
        name, title: 'random sequences 32×8, LSTM 64 → last state → 4 classes, Adam, batch 32', unit: 'samples/s', referenceLoss100: 1.391077,
        graph: chain('W6', [lstm, dense(4), act('softmax')], 'cross_entropy', adam, 32),
        datasetInfo: info, data: loaded(info, 256, inputs, targets),
      };
    }
  }
}

/** Conv2D 5×5 with Glorot-uniform weights (fans C·k², F·k²), as W5 specifies. */
const conv = (filters: number, padding: number | 'valid') => ({
  type: 'Conv2D', params: { filters, kernelSize: 5, stride: 1, padding, dilation: 1, groups: 1, bias: true, init: 'xavier_uniform' },
});
const pool = () => ({ type: 'MaxPool2D', params: { poolSize: 2, stride: 0, padding: 'valid' } });

const adam: OptimizerConfig = { type: 'adam', lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 };
