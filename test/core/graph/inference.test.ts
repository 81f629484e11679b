import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../../core/compiler/compile';
import { analyzeGraph } from '../../../core/graph/analyze';
import { serializeGraph } from '../../../core/graph/io';
import type { Graph } from '../../../core/graph/schema';
import { importOnnx } from '../../../core/importers/onnx';
import { encodeSafetensors } from '../../../core/weights';
import { fixturePath, runCli } from '../../cli/run-cli';

/**
 * A graph without a Loss and without a dataset (what an ONNX import gives) is valid for prediction:
 * the Input's `shape` stands in for the dataset, and the missing Loss is a note. Adding a Loss and a
 * dataset makes it trainable, starting from the imported weights.
 */
function imported(): { graph: Graph; weights: Uint8Array } {
  const r = importOnnx(new Uint8Array(readFileSync(fixturePath('onnx/models/xor_classifier_op13.onnx'))));
  if (!r.ok) throw new Error('import failed');
  return { graph: r.graph, weights: encodeSafetensors(r.weights) };
}

const withLoss = (g: Graph, dataset: Graph['training']['dataset']): Graph => ({
  ...g,
  nodes: [...g.nodes, { id: 'loss', type: 'Loss', params: { fn: 'bce' } }],
  edges: [...g.edges, { id: 'e_loss', source: g.nodes[g.nodes.length - 1]!.id, target: 'loss' }],
  training: { ...g.training, dataset },
});

const dir = mkdtempSync(join(tmpdir(), 'netloom-inference-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('inference-only graphs', () => {
  it('analyse without errors; the missing Loss is a warning saying how to train', () => {
    const { graph } = imported();
    expect(graph.training.dataset).toEqual({ name: 'none' });
    expect(graph.nodes[0]).toMatchObject({ type: 'Input', shape: [2] });
    const a = analyzeGraph(graph);
    expect(a.problems).toEqual([expect.objectContaining({ code: 'no-loss', severity: 'warning', message: expect.stringContaining('add a Loss') })]);
    expect(a.shapes.get(graph.nodes[1]!.id)).toEqual([8]);
    const c = compileGraph(graph);
    expect(c.ok && c.plan.lossTensor).toBe(-1);
  });

  it('say a Loss needs a dataset, and that an Input shape must match the dataset chosen', () => {
    const { graph } = imported();
    const noData = analyzeGraph(withLoss(graph, { name: 'none' })).problems.filter((p) => p.severity === 'error');
    expect(noData.map((p) => p.message)).toContain('a Loss needs targets: choose a dataset in the training settings to train this graph');
    const mismatch = analyzeGraph(withLoss(graph, { name: 'mnist' })).problems.filter((p) => p.code === 'input-shape');
    expect(mismatch[0]!.message).toBe('Input expects examples of shape [2] but the dataset gives [784]; choose a dataset of that shape or remove the Input\'s "shape"');
    const bad = { ...graph, nodes: graph.nodes.map((n, i) => (i === 0 ? { ...n, shape: [0, 2] } : n)) };
    expect(analyzeGraph(bad).problems.map((p) => p.path)).toContain('nodes[0].shape');
    const none = { ...graph, nodes: graph.nodes.map((n, i) => (i === 0 ? { id: n.id, type: n.type, params: {} } : n)) };
    expect(analyzeGraph(none).problems.map((p) => p.code)).toContain('no-dataset');
  });

  it('train once a Loss and a dataset of the right shape are added, from the imported weights', async () => {
    const { graph, weights } = imported();
    const g = withLoss(graph, { name: 'xor', samples: 60, noise: 0.1, validationSplit: 0.2 });
    const file = join(dir, 'g.json');
    writeFileSync(file, serializeGraph(g));
    writeFileSync(join(dir, 'g.safetensors'), weights);
    const before = await runCli(['validate', file]);
    expect(before.stdout + before.stderr).toBe('ok\n');
    const r = await runCli(['train', file, '--epochs', '2', '--load-weights', join(dir, 'g.safetensors'), '--jsonl']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"type":"epoch"');
  });

  it('netloom train on a graph without a Loss says to add one', async () => {
    const file = join(dir, 'noloss.json');
    writeFileSync(file, serializeGraph(imported().graph));
    const r = await runCli(['train', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no dataset');
  });
});
