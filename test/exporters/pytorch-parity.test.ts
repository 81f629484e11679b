import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPytorch } from '../../core/exporters/pytorch';
import type { Graph, OptimizerConfig } from '../../core/graph/schema';
import { encodeSafetensors } from '../../core/weights';
import { activationGraphs, coverageGraphs, exampleGraphs } from './helpers/graphs';
import { broadcastGraphs } from './helpers/broadcast-graphs';
import { convGraphs } from './helpers/conv-graphs';
import { poolGraphs } from './helpers/pool-graphs';
import { recurrentGraphs } from './helpers/recurrent-graphs';
import { hasPythonModule, runPython } from './helpers/python';
import { loadData, referenceRun, STEPS, type ReferenceRun } from './helpers/reference-run';

/**
 * Parity of the PyTorch export with NetLoom: for every example graph, one small graph per activation
 * and graphs covering the remaining nodes, losses and options, the exported module, started from
 * NetLoom's initial weights, must give NetLoom's forward outputs and the same loss at each of 20 steps
 * on the same batches, with SGD, with Adam, and (coverage graphs) with the graph's own optimizer.
 * Everything is replayed by ONE Python process to keep the suite fast.
 */
const torchAvailable = hasPythonModule('torch');

const SGD: OptimizerConfig = { type: 'sgd', lr: 0.05 };
const ADAM: OptimizerConfig = { type: 'adam', lr: 0.01 };

interface Run {
  key: string;
  caseName: string;
  optimizer: string;
  reference: ReferenceRun;
}

// The recurrent helper's own iris graph is the iris example again: the example stands for both.
const cases = [...exampleGraphs(), ...activationGraphs(), ...coverageGraphs(), ...convGraphs(), ...recurrentGraphs().filter((c) => c.name.startsWith('rnn-')), ...poolGraphs(), ...broadcastGraphs()];
const runs: Run[] = [];
let results: Record<string, { forward: number[]; losses: number[]; final: number; error?: string }> = {};
let dir = '';

function shape(graph: Graph, name: string, optimizer: OptimizerConfig): Graph {
  return { ...graph, name, training: { ...graph.training, optimizer } };
}

describe.skipIf(!torchAvailable)('PyTorch export parity (/usr/bin/python3 + torch)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'netloom-torch-parity-'));
    const manifest: unknown[] = [];
    for (const { name, graph } of cases) {
      const data = await loadData(graph);
      const own = name.startsWith('cov-') ? [['own', graph.training.optimizer] as const] : [];
      for (const [label, optimizer] of [['sgd', SGD] as const, ['adam', ADAM] as const, ...own]) {
        const key = `${name}/${label}`;
        const reference = referenceRun(graph, data, optimizer);
        const safe = key.replace(/[^A-Za-z0-9]+/g, '_');
        const [script] = exportPytorch(shape(graph, safe, optimizer));
        const module = join(dir, `${safe}.py`);
        const weights = join(dir, `${safe}_initial.safetensors`);
        const batches = join(dir, `${safe}_batches.safetensors`);
        writeFileSync(module, script!.contents);
        writeFileSync(weights, reference.weights);
        const inputShape = data.info.inputShape;
        const t = data.info.target;
        const rows = reference.batchSizes.reduce((a, b) => a + b, 0);
        writeFileSync(batches, encodeSafetensors([
          { name: 'x', shape: [rows, ...inputShape], data: reference.x },
          { name: 'y', shape: t.kind === 'regression' ? [rows, t.size] : [rows], data: reference.y },
        ]));
        // The exported scheduler replays the graph's training.schedule (the LeNet template has one) over the graph's run.
        const stepsPerEpoch = Math.ceil(data.train.count / graph.training.batchSize);
        manifest.push({ key, module, weights, batches, batch_sizes: reference.batchSizes, steps_per_epoch: stepsPerEpoch, epochs: graph.training.epochs });
        runs.push({ key, caseName: name, optimizer: label, reference });
      }
    }
    const manifestPath = join(dir, 'manifest.json');
    writeFileSync(manifestPath, JSON.stringify({ runs: manifest }));
    results = JSON.parse(runPython([join(import.meta.dirname, 'torch_parity.py'), manifestPath], { timeoutMs: 600_000 }));
  }, 600_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('covers every example, every activation and the coverage graphs', () => {
    expect(runs.length).toBe(cases.length * 2 + coverageGraphs().length + convGraphs().length + broadcastGraphs().length);
    expect(cases.filter((c) => c.name.startsWith('act-')).length).toBeGreaterThanOrEqual(18);
    const types = new Set(cases.flatMap((c) => c.graph.nodes.map((n) => n.type)));
    for (const t of ['Embedding', 'SimpleRNN', 'LSTM', 'GRU', 'Conv2D', 'Conv1D', 'BatchNorm']) expect(types.has(t), t).toBe(true);
  });

  it.each(cases.map((c) => c.name))('%s: forward outputs and 20-step losses match NetLoom', (name) => {
    for (const run of runs.filter((r) => r.caseName === name)) {
      const got = results[run.key];
      expect(got, `no result for ${run.key}`).toBeDefined();
      expect(got!.error, `${run.key} raised in Python`).toBeUndefined();
      const ref = run.reference;
      expect(got!.forward.length).toBe(ref.forward.length);
      const forwardDiff = Math.max(...got!.forward.map((v, i) => Math.abs(v - ref.forward[i]!)));
      expect(forwardDiff, `${run.key}: max |forward diff|`).toBeLessThan(1e-4);
      expect(got!.losses.length).toBe(STEPS);
      got!.losses.forEach((loss, step) => {
        expect(relativeDiff(loss, ref.losses[step]!), `${run.key}: loss at step ${step + 1}: torch ${loss}, NetLoom ${ref.losses[step]}`).toBeLessThan(1e-3);
      });
      expect(relativeDiff(got!.final, ref.finalLoss), `${run.key}: loss after ${STEPS} steps: torch ${got!.final}, NetLoom ${ref.finalLoss}`).toBeLessThan(1e-3);
    }
  });
});

/** |a − b| / |b|, with a floor so a loss of ~0 is not compared relatively to rounding noise. */
function relativeDiff(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-6);
}
