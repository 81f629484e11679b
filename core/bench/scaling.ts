import { compileGraph } from '../compiler/compile';
import { Arena } from '../engine/arena';
import { gemmFor } from '../kernels/gemm';
import type { KernelFlavor } from '../kernels/wasm/module';
import type { DatasetInfo } from '../catalog/types';
import type { Graph, GraphNode } from '../graph/schema';
import { mulberry32 } from '../util/rng';
import { freshTrainer } from './protocol';
import type { Workload } from './workloads';

/**
 * The scaling tables of docs/perf.md: training throughput of a W2-like MLP (784 → H → H → 10, ReLU,
 * softmax CE, Adam) against hidden width and batch size, and compile time against graph size.
 */
const INFO: DatasetInfo = { inputShape: [784], target: { kind: 'classes', classes: 10 } };

function mlpGraph(hidden: number, batchSize: number): Graph {
  const nodes: GraphNode[] = [
    { id: 'in', type: 'Input', params: {} },
    { id: 'd1', type: 'Dense', params: { units: hidden } }, { id: 'a1', type: 'Activation', params: { fn: 'relu' } },
    { id: 'd2', type: 'Dense', params: { units: hidden } }, { id: 'a2', type: 'Activation', params: { fn: 'relu' } },
    { id: 'd3', type: 'Dense', params: { units: 10 } }, { id: 'sm', type: 'Activation', params: { fn: 'softmax' } },
    { id: 'loss', type: 'Loss', params: { fn: 'cross_entropy' } },
  ];
  return {
    format: 'netloom-graph', version: 1, name: `mlp-${hidden}-${batchSize}`, nodes,
    edges: nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]!.id, target: n.id })),
    training: { dataset: { name: 'xor' }, optimizer: { type: 'adam', lr: 1e-3 }, batchSize, epochs: 1, seed: 1, shuffle: false },
  };
}

/** Samples per second of the MLP with this width and batch, over about `ms` milliseconds. */
export function mlpThroughput(hidden: number, batchSize: number, ms: number): number {
  const graph = mlpGraph(hidden, batchSize);
  const r = compileGraph(graph, { datasetInfo: INFO });
  if (!r.ok) throw new Error(r.problems[0]!.message);
  const rng = mulberry32(42);
  const count = batchSize * 4;
  const inputs = new Float32Array(count * 784).map(() => rng.next());
  const targets = new Float32Array(count).map(() => Math.floor(rng.next() * 10));
  const empty = { count: 0, inputs: new Float32Array(0), targets: new Float32Array(0) };
  const w = { graph, data: { info: INFO, train: { count, inputs, targets }, validation: empty } } as unknown as Workload;
  const t = freshTrainer(w, r.plan);
  const run = (budget: number) => {
    const t0 = performance.now();
    let steps = 0;
    do {
      t.trainBatch();
      t.endOfEpoch();
      steps++;
    } while (performance.now() - t0 < budget);
    return (steps * batchSize * 1000) / (performance.now() - t0);
  };
  run(ms / 4);
  return run(ms);
}

/**
 * Floating-point operations per training sample of that MLP: forward 2·in·out per Dense, backward 2·in·out
 * for the weight gradient and 2·in·out for the input gradient (not needed by the first layer).
 */
export function mlpFlopsPerSample(hidden: number): number {
  return 4 * 784 * hidden + 6 * hidden * hidden + 6 * hidden * 10;
}

/**
 * GFLOP/s of the three products of one Dense layer's training step — Y = X·W + b, dW = Xᵀ·dY,
 * dX = dY·Wᵀ — for X [M, K], W [K, N], with the kernels of one build. Best of `repeats` windows of `ms`:
 * the best is the least disturbed by other processes on a shared machine.
 */
export function denseGflops(flavor: KernelFlavor, M: number, K: number, N: number, ms = 40, repeats = 5): number | null {
  const arena = Arena.tryCreate(2 * (M * K + K * N + M * N) + N + 256, flavor);
  if (!arena) return null;
  const rng = mulberry32(7);
  const buf = (n: number) => {
    const a = arena.alloc(n);
    for (let i = 0; i < n; i++) a[i] = rng.next() - 0.5;
    return a;
  };
  const X = buf(M * K), W = buf(K * N), b = buf(N), Y = buf(M * N), dW = buf(K * N), dX = buf(M * K);
  const g = gemmFor(X);
  const stepOnce = () => {
    g.affine(X, W, b, Y, M, K, N);
    g.mmTA(X, 0, Y, 0, dW, 0, M, K, N, false);
    g.mmTB(Y, 0, W, 0, dX, 0, M, N, K, false);
  };
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    let n = 0;
    do {
      stepOnce();
      n++;
    } while (performance.now() - t0 < ms);
    best = Math.min(best, (performance.now() - t0) / n);
  }
  return (6 * M * K * N) / best / 1e6;
}

/** A chain Input → (Dense 16 → tanh)… → Dense 1 → sigmoid → Loss with about `count` nodes. */
export function chainGraph(count: number): Graph {
  const nodes: GraphNode[] = [{ id: 'in', type: 'Input', params: {} }];
  const pairs = Math.max(1, Math.floor((count - 4) / 2));
  for (let i = 0; i < pairs; i++) {
    nodes.push({ id: `d${i}`, type: 'Dense', params: { units: 16 } }, { id: `a${i}`, type: 'Activation', params: { fn: 'tanh' } });
  }
  nodes.push({ id: 'out', type: 'Dense', params: { units: 1 } }, { id: 'sig', type: 'Activation', params: { fn: 'sigmoid' } });
  nodes.push({ id: 'loss', type: 'Loss', params: { fn: 'bce' } });
  return {
    format: 'netloom-graph', version: 1, name: `chain-${count}`, nodes,
    edges: nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]!.id, target: n.id })),
    training: { dataset: { name: 'xor' }, optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 10, epochs: 1, seed: 1 },
  };
}

/** Median compile time (ms) of a chain of about `count` nodes, over `repeats` compiles. */
export function compileTime(count: number, repeats: number): { nodes: number; ms: number } {
  const graph = chainGraph(count);
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    const r = compileGraph(graph);
    times.push(performance.now() - t0);
    if (!r.ok) throw new Error(r.problems[0]!.message);
  }
  times.sort((a, b) => a - b);
  return { nodes: graph.nodes.length, ms: times[Math.floor(times.length / 2)]! };
}
