import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPytorch } from '../../core/exporters/pytorch';
import { serializeGraph } from '../../core/graph/io';
import type { Graph } from '../../core/graph/schema';
import type { TraceJson } from '../../core/trace';
import { hasPythonModule, runPython } from '../exporters/helpers/python';
import { loadExample } from '../helpers/examples';
import { runCli } from './run-cli';

/**
 * `netloom trace` against PyTorch: each graph is trained a few epochs by `netloom train`, its weights
 * saved; `netloom trace --weights --example N --json` is then compared with one forward/backward of the
 * exported PyTorch module at the same weights, for the same row (all cases in ONE Python process).
 */
const torchAvailable = hasPythonModule('torch');

function cases(): { key: string; graph: Graph; example: number; fusedSoftmax?: string }[] {
  const xor = loadExample('xor-mlp');
  const classes = loadExample('xor-mlp');
  classes.name = 'three blobs';
  classes.training = { ...classes.training, dataset: { name: 'gaussians', classes: 3, samples: 150, noise: 0.3, validationSplit: 0.2 } };
  classes.nodes = [
    { id: 'in', type: 'Input', params: {} },
    { id: 'd1', type: 'Dense', params: { units: 6, init: 'he_uniform' } },
    { id: 'ln', type: 'LayerNorm', params: {} },
    { id: 'a1', type: 'Activation', params: { fn: 'elu' } },
    { id: 'drop', type: 'Dropout', params: { rate: 0.3 } },
    { id: 'd2', type: 'Dense', params: { units: 3 } },
    { id: 'sm', type: 'Activation', params: { fn: 'softmax' } },
    { id: 'loss', type: 'Loss', params: { fn: 'cross_entropy' } },
  ];
  classes.edges = classes.nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: classes.nodes[i]!.id, target: n.id }));
  const sine = loadExample('xor-mlp');
  sine.name = 'sine';
  sine.training = { ...sine.training, dataset: { name: 'sine', samples: 200, noise: 0.05, validationSplit: 0.2 }, optimizer: { type: 'adam', lr: 0.01 } };
  sine.nodes = sine.nodes.map((n) => (n.id === 'a1' ? { ...n, params: { fn: 'gelu' } } : n.id === 'a2' ? { ...n, params: { fn: 'linear' } } : n.id === 'loss' ? { ...n, params: { fn: 'mse' } } : n));
  return [
    { key: 'xor', graph: xor, example: 5 },
    { key: 'blobs', graph: classes, example: 17, fusedSoftmax: 'sm' },
    { key: 'sine', graph: sine, example: 3 },
  ];
}

let dir = '';
const traces: Record<string, TraceJson> = {};
let torch: Record<string, { error?: string; loss: number; nodes: Record<string, { output: number[]; grad: number[] | null }>; params: Record<string, { value: number[]; grad: number[] }> }> = {};

describe.skipIf(!torchAvailable)('netloom trace agrees with PyTorch (/usr/bin/python3 + torch)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'netloom-trace-parity-'));
    const manifest: unknown[] = [];
    for (const c of cases()) {
      const graphPath = join(dir, `${c.key}.json`);
      const weights = join(dir, `${c.key}.safetensors`);
      writeFileSync(graphPath, serializeGraph(c.graph));
      const trained = await runCli(['train', graphPath, '--epochs', '3', '--save-weights', weights]);
      expect(trained.code, trained.stderr).toBe(0);
      const r = await runCli(['trace', graphPath, '--weights', weights, '--example', String(c.example), '--json']);
      expect(r.code, r.stderr).toBe(0);
      const t = JSON.parse(r.stdout) as TraceJson;
      traces[c.key] = t;
      const [script] = exportPytorch({ ...c.graph, name: `trace_${c.key}` });
      const module = join(dir, `trace_${c.key}.py`);
      writeFileSync(module, script!.contents);
      const target = c.graph.training.dataset.name === 'sine' ? t.target : [t.target.length > 1 ? t.target.indexOf(1) : t.target[0]];
      const inputShape = t.nodes[0]!.shape;
      manifest.push({
        key: c.key, module, weights, input: t.input, input_shape: inputShape, target,
        target_shape: c.graph.training.dataset.name === 'sine' ? [t.target.length] : [], fused_softmax: c.fusedSoftmax,
      });
    }
    const manifestPath = join(dir, 'manifest.json');
    writeFileSync(manifestPath, JSON.stringify({ cases: manifest }));
    torch = JSON.parse(runPython([join(import.meta.dirname, 'torch_trace.py'), manifestPath], { timeoutMs: 300_000 }));
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(cases().map((c) => c.key))('%s: loss, every node output and gradient, every weight gradient (< 1e-4)', (key) => {
    const t = traces[key]!;
    const py = torch[key]!;
    expect(py.error, `${key} raised in Python`).toBeUndefined();
    expect(Math.abs(py.loss - t.loss!)).toBeLessThan(1e-4);
    const maxDiff = (a: (number | null)[], b: number[]) => {
      expect(a.length).toBe(b.length);
      return Math.max(0, ...a.map((v, i) => Math.abs(v! - b[i]!)));
    };
    const compared: string[] = [];
    for (const n of t.nodes) {
      const p = py.nodes[n.id];
      if (n.type === 'Input' || n.type === 'Loss') continue;
      expect(p, `PyTorch computed no output for "${n.id}"`).toBeDefined();
      expect(maxDiff(n.output, p!.output), `${key} ${n.id} output`).toBeLessThan(1e-4);
      expect(p!.grad, `PyTorch has no gradient for "${n.id}"`).not.toBeNull();
      expect(maxDiff(n.gradOutput!, p!.grad!), `${key} ${n.id} gradient`).toBeLessThan(1e-4);
      compared.push(n.id);
      for (const [name, param] of Object.entries(n.params)) {
        const q = py.params[`${n.id}.${name}`]!;
        expect(maxDiff(param.value, q.value), `${key} ${n.id}.${name} value`).toBeLessThan(1e-6);
        expect(maxDiff(param.grad, q.grad), `${key} ${n.id}.${name} gradient`).toBeLessThan(1e-4);
      }
    }
    expect(compared.length).toBe(t.nodes.length - 2);
  });
});
