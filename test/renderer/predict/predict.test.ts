import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { afterEach, describe, expect, it } from 'vitest';
import { compileForPrediction, predict } from '../../../core/inference/predict';
import type { Graph } from '../../../core/graph/schema';
import type { RunOptions } from '../../../core/protocol/engine';
import { decodeNpy, encodeNpy } from '../../../core/util/npy';
import { importOnnxFile } from '../../../renderer/app/onnx-import';
import { createWebWorkerEngine } from '../../../renderer/engine/web-worker-engine';
import { clearDocumentWeights, documentWeightsFor, holdDocumentWeights } from '../../../renderer/predict/document-weights';
import { inputFromDataset, inputFromFile, MAX_FILE_ROWS, runPrediction } from '../../../renderer/predict/run-predict';
import { TrainingController } from '../../../renderer/training/controller';
import { loadExample } from '../../helpers/examples';
import { inProcessWorkers } from '../../helpers/in-process-worker';

const dir = new URL('../../fixtures/onnx/e2e/', import.meta.url);
const bytesOf = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));

async function importFixture(name: string, current = () => true): Promise<Graph> {
  const r = await importOnnxFile(new File([bytesOf(`${name}.onnx`)], `${name}.onnx`));
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  holdDocumentWeights(r.weights, `${name}.onnx`, current);
  return r.graph;
}

afterEach(clearDocumentWeights);

/** The browser-mode engine bridge, its workers in this process: Predict goes through it as in the app. */
const workers = inProcessWorkers();
const engine = createWebWorkerEngine({ createWorker: workers.create });
const rowsOf = (input: Awaited<ReturnType<typeof inputFromFile>>) => {
  if (input.from !== 'rows') throw new Error('expected rows');
  return input;
};

describe('Predict in the app', () => {
  it("the first prediction after an import uses the model's weights and equals onnxruntime's and PyTorch's outputs", async () => {
    const graph = await importFixture('resnet_small');
    const input = rowsOf(await inputFromFile(bytesOf('resnet_small.x.npy'), 'resnet_small.x.npy'));
    const before = workers.stats.created;
    const out = await runPrediction(engine, graph, input);
    // Computed in an engine worker, which ends with its answer.
    expect(workers.stats.created).toBe(before + 1);
    expect(workers.stats.terminated).toBe(workers.stats.created);
    expect(out.weights).toBe('the imported weights of resnet_small.onnx');
    expect(out.prediction.shape).toEqual([4, 4]);

    const session = await ort.InferenceSession.create(bytesOf('resnet_small.onnx'));
    const ref = await session.run({ x: new ort.Tensor('float32', input.data, input.shape) });
    const expected = ref.y!.data as Float32Array;
    const torch = decodeNpy(bytesOf('resnet_small.y.npy')).data;
    const scale = Math.max(...Array.from(expected, Math.abs));
    for (let i = 0; i < expected.length; i++) {
      expect(Math.abs(out.prediction.data[i]! - expected[i]!) / scale).toBeLessThan(1e-4);
      expect(Math.abs(out.prediction.data[i]! - torch[i]!) / scale).toBeLessThan(1e-4);
    }
  });

  it("falls back to the seed's weights, and says so, once the graph no longer fits them or another document is open", async () => {
    let open = true;
    const graph = await importFixture('resnet_small', () => open);
    const input = rowsOf(await inputFromFile(bytesOf('resnet_small.x.npy'), 'x.npy'));
    const dense = graph.nodes.find((n) => n.type === 'Dense')!;
    const changed = { ...graph, nodes: graph.nodes.map((n) => (n === dense ? { ...n, params: { ...n.params, units: 5 } } : n)) };
    expect(documentWeightsFor(changed)).toBeNull();
    const fallback = await runPrediction(engine, changed, input);
    expect(fallback.weights).toMatch(/^the initial weights \(seed \d+\)/);
    const seeded = predict(compileForPrediction(changed), changed, decodeNpy(bytesOf('resnet_small.x.npy')));
    expect(fallback.prediction.data).toEqual(seeded.data);
    expect(documentWeightsFor(graph)).not.toBeNull();
    open = false;
    expect(documentWeightsFor(graph)).toBeNull();
  });

  it("a training run of an imported model starts from the model's weights", async () => {
    const graph = await importFixture('resnet_small');
    const started: RunOptions[] = [];
    const engine = { start: (_id: string, _g: unknown, o: RunOptions) => void started.push(o), command: () => undefined, onMessage: () => () => undefined };
    const c = new TrainingController(engine);
    c.startRun(graph);
    expect(started[0]!.weights).toEqual(documentWeightsFor(graph)!.bytes);
    clearDocumentWeights();
    c.startRun(graph);
    expect(started[1]!.weights).toBeUndefined();
  });

  it("on a graph's dataset: the first validation examples with their targets", async () => {
    const graph = loadExample('xor-mlp');
    const out = await runPrediction(engine, graph, inputFromDataset(graph));
    expect(out.prediction.shape).toEqual([16, 1]);
    expect(out.targets).toHaveLength(16);
    expect(out.input).toMatch(/^the first 16 validation examples of /);
    expect(out.weights).toMatch(/initial weights/);
    expect(() => inputFromDataset({ ...graph, training: { ...graph.training, dataset: { name: 'none' } } })).toThrow(/no dataset/);
  });

  it('a file of more rows than the app predicts at once is refused, pointing to the CLI', async () => {
    const rows = MAX_FILE_ROWS + 1;
    const npy = encodeNpy([rows, 2], new Float32Array(rows * 2));
    await expect(inputFromFile(npy, 'big.npy')).rejects.toThrow(new RegExp(`big\\.npy has ${rows} rows; .*netloom predict`));
  });

  it('a wrong input shape is refused with the shape the graph takes', async () => {
    const graph = await importFixture('resnet_small');
    const bad = { from: 'rows' as const, shape: [2, 3, 8, 8], dtype: 'f4', data: new Float32Array(2 * 3 * 64), label: 'bad.npy' };
    await expect(runPrediction(engine, graph, bad)).rejects.toThrow(/input has shape \(2, 3, 8, 8\)/);
  });
});
