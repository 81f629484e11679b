import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledLr } from '../../core/engine/lr-schedule';
import { exportPytorch } from '../../core/exporters/pytorch';
import type { Graph, LrSchedule, OptimizerConfig } from '../../core/graph/schema';
import { encodeSafetensors } from '../../core/weights';
import { loadExample } from '../helpers/examples';
import { hasPythonModule, runPython } from './helpers/python';
import { loadData, referenceRun, STEPS } from './helpers/reference-run';

/**
 * training.schedule in the PyTorch export: the script's LambdaLR must give the optimizer NetLoom's rate
 * at every one of the 20 reference steps, and the losses must follow NetLoom's. The iris graph is cut
 * to 2 epochs of 10 batches, so the 20 steps are the whole run: warm-up, peak and decay are all seen.
 */
const torchAvailable = hasPythonModule('torch');

const CASES: [string, OptimizerConfig, LrSchedule][] = [
  ['cosine-adam', { type: 'adam', lr: 0.02 }, { type: 'cosine', warmupEpochs: 0.5, minLr: 0.001 }],
  ['step-sgd', { type: 'sgd', lr: 0.1, momentum: 0.9 }, { type: 'step', everyEpochs: 1, gamma: 0.3 }],
];

function graphFor(name: string, optimizer: OptimizerConfig, schedule: LrSchedule): Graph {
  const g = loadExample('iris-mlp');
  return { ...g, name, training: { ...g.training, optimizer, schedule, batchSize: 12, epochs: 2 } };
}

let results: Record<string, { losses: number[]; lrs: number[]; error?: string }> = {};
const expected: Record<string, { losses: number[]; lrs: number[] }> = {};
let dir = '';

describe.skipIf(!torchAvailable)('PyTorch export of a learning-rate schedule (/usr/bin/python3 + torch)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'netloom-schedule-parity-'));
    const runs: unknown[] = [];
    for (const [name, optimizer, schedule] of CASES) {
      const graph = graphFor(name.replace(/-/g, '_'), optimizer, schedule);
      const data = await loadData(graph);
      const stepsPerEpoch = Math.ceil(data.train.count / 12);
      expect(stepsPerEpoch * 2).toBe(STEPS);
      const ref = referenceRun(graph, data, optimizer);
      const lrs = Array.from({ length: STEPS }, (_, k) => scheduledLr(schedule, optimizer.lr, k, { stepsPerEpoch, totalSteps: STEPS }));
      expected[name] = { losses: ref.losses, lrs };
      const module = join(dir, `${graph.name}.py`);
      writeFileSync(module, exportPytorch(graph)[0]!.contents);
      writeFileSync(join(dir, `${name}_w.safetensors`), ref.weights);
      const rows = ref.batchSizes.reduce((a, b) => a + b, 0);
      writeFileSync(join(dir, `${name}_b.safetensors`), encodeSafetensors([
        { name: 'x', shape: [rows, ...data.info.inputShape], data: ref.x },
        { name: 'y', shape: [rows], data: ref.y },
      ]));
      runs.push({
        key: name, module, weights: join(dir, `${name}_w.safetensors`), batches: join(dir, `${name}_b.safetensors`),
        batch_sizes: ref.batchSizes, steps_per_epoch: stepsPerEpoch, epochs: 2,
      });
    }
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ runs }));
    results = JSON.parse(runPython([join(import.meta.dirname, 'torch_parity.py'), join(dir, 'manifest.json')], { timeoutMs: 120_000 }));
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(CASES.map((c) => c[0]))('%s: the same rate at every step and the same losses', (name) => {
    const got = results[name]!;
    expect(got.error, `${name} raised in Python`).toBeUndefined();
    const want = expected[name]!;
    // The schedule really changes the rate over these steps (so a constant rate could not pass).
    expect(Math.max(...want.lrs) / Math.min(...want.lrs)).toBeGreaterThan(3);
    got.lrs.forEach((lr, k) => expect(Math.abs(lr - want.lrs[k]!) / want.lrs[k]!, `lr at step ${k}: torch ${lr}, NetLoom ${want.lrs[k]}`).toBeLessThan(1e-12));
    got.losses.forEach((loss, k) => expect(Math.abs(loss - want.losses[k]!) / Math.max(want.losses[k]!, 1e-6), `loss at step ${k + 1}`).toBeLessThan(1e-3));
  });
});
