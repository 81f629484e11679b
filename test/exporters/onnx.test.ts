import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedDataset } from '../../core/datasets/types';
import { exportOnnx, ONNX_INPUT, ONNX_OUTPUT } from '../../core/exporters/onnx';
import type { Graph } from '../../core/graph/schema';
import { encodeWeights } from '../../core/weights';
import { activationGraphs, coverageGraphs, exampleGraphs } from './helpers/graphs';
import { broadcastGraphs } from './helpers/broadcast-graphs';
import { convGraphs } from './helpers/conv-graphs';
import { poolGraphs } from './helpers/pool-graphs';
import { recurrentGraphs } from './helpers/recurrent-graphs';
import { hasPythonModule, runPython } from './helpers/python';
import { evalRowsAfter } from './helpers/eval-rows';
import { loadData } from './helpers/reference-run';

/**
 * ONNX export: every example, activation and coverage graph must pass onnx.checker (full check, with
 * shape inference) and, run by onnxruntime-node, give NetLoom's eval-mode predictions (max abs diff
 * < 1e-4), both with the seed's initial weights and with weights after some training.
 */
// The recurrent helper's own iris graph is the iris example again: the example stands for both.
const cases = [...exampleGraphs(), ...activationGraphs(), ...coverageGraphs(), ...convGraphs(), ...recurrentGraphs().filter((c) => c.name.startsWith('rnn-')), ...poolGraphs(), ...broadcastGraphs()];

interface Prepared {
  name: string;
  model: Uint8Array;
  inputs: Float32Array;
  inputDims: number[];
  expected: Float32Array;
}

/** NetLoom's predictions for up to 16 validation rows, after `steps` training batches. */
function reference(graph: Graph, data: LoadedDataset, steps: number): Omit<Prepared, 'name'> {
  const r = evalRowsAfter(graph, data, steps);
  const weights = steps > 0 ? encodeWeights(r.plan, r.exec.params) : undefined;
  const [file] = exportOnnx(graph, weights ? { weights } : {});
  return { model: file!.contents as Uint8Array, inputs: r.inputs, inputDims: [r.n, ...data.info.inputShape], expected: r.expected };
}

describe('ONNX export', () => {
  const prepared: Prepared[] = [];
  let dir = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'netloom-onnx-'));
    for (const { name, graph } of cases) {
      const data = await loadData(graph);
      prepared.push({ name, ...reference(graph, data, 0) });
      // Trained weights too, so the initializers really come from the given weights file.
      if (!name.startsWith('act-')) prepared.push({ name: `${name} (after 5 steps)`, ...reference(graph, data, 5) });
    }
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!hasPythonModule('onnx'))('every export passes onnx.checker (full_check)', () => {
    const paths = prepared.map((p, i) => {
      const path = join(dir, `model_${i}.onnx`);
      writeFileSync(path, p.model);
      return path;
    });
    const script = [
      'import json, sys, onnx',
      'results = {}',
      'for path in sys.argv[1:]:',
      '    try:',
      '        model = onnx.load(path)',
      '        onnx.checker.check_model(model, full_check=True)',
      '        results[path] = {"ok": True, "opset": model.opset_import[0].version, "nodes": len(model.graph.node)}',
      '    except Exception as e:',
      '        results[path] = {"ok": False, "error": str(e)}',
      'print(json.dumps(results))',
    ].join('\n');
    const results = JSON.parse(runPython(['-c', script, ...paths])) as Record<string, { ok: boolean; opset?: number; error?: string }>;
    paths.forEach((path, i) => {
      const r = results[path]!;
      expect(r.error, prepared[i]!.name).toBeUndefined();
      expect(r.ok).toBe(true);
      expect(r.opset).toBe(17);
    });
  }, 120_000);

  it.each(cases.map((c) => c.name))('%s: onnxruntime-node gives NetLoom\'s outputs', async (name) => {
    for (const p of prepared.filter((x) => x.name === name || x.name === `${name} (after 5 steps)`)) {
      const session = await ort.InferenceSession.create(p.model);
      const result = await session.run({ [ONNX_INPUT]: new ort.Tensor('float32', p.inputs, p.inputDims) });
      const out = result[ONNX_OUTPUT]!.data as Float32Array;
      expect(out.length, p.name).toBe(p.expected.length);
      const maxDiff = Math.max(...Array.from(out, (v, i) => Math.abs(v - p.expected[i]!)));
      expect(maxDiff, `${p.name}: max |onnx − netloom|`).toBeLessThan(1e-4);
    }
  });

  it('names inputs, outputs and initializers after the graph', () => {
    const xor = prepared.find((p) => p.name === 'xor-mlp')!;
    const text = new TextDecoder('latin1').decode(xor.model);
    for (const name of ['d1.W', 'd1.b', 'd2.W', 'd2.b', ONNX_INPUT, ONNX_OUTPUT, 'batch']) expect(text).toContain(name);
    expect(text).not.toContain('loss');
  });

  it('uses the ONNX recurrent ops and keeps NetLoom\'s initializer names', () => {
    const text = (name: string) => new TextDecoder('latin1').decode(prepared.find((p) => p.name === name)!.model);
    const lstm = text('rnn-embedding-lstm');
    for (const s of ['Gather', 'LSTM', 'lstm.W_ih', 'lstm.W_hh', 'lstm.b_ih', 'lstm.b_hh', 'emb.W']) expect(lstm).toContain(s);
    const gru = text('rnn-gru-stacked-lstm');
    for (const s of ['GRU', 'linear_before_reset', 'gru.W_ih']) expect(gru).toContain(s);
    expect(text('rnn-simple-last')).toContain('RNN');
  });
});
