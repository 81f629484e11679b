import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, describe, expect, it } from 'vitest';
import { CONSTANT_XOR_PREDICTION, runCli, writeConstantXorWeights } from './helpers/cli';
import { EXAMPLES_DIR } from './helpers/graphs';

/** `netloom export --to keras -o DIR/…` writes the TF.js Layers model beside the script, carrying --load-weights. */
const dir = mkdtempSync(join(tmpdir(), 'netloom-keras-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const xorPath = join(EXAMPLES_DIR, 'xor-mlp.json');

describe('netloom export --to keras (model file)', () => {
  it('writes <name>_keras.model.json and its weights, which TF.js Layers loads with the given weights', async () => {
    // d2's weights 0 and bias 0.25: the prediction is sigmoid(0.25) for every input, unlike the initial weights.
    const wPath = writeConstantXorWeights(xorPath, join(dir, 'w.safetensors'));
    const r = await runCli(['export', xorPath, '--to', 'keras', '-o', join(dir, 'xor_keras.py'), '--load-weights', wPath]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('xor_keras.model.json');
    expect(r.err).toContain('xor_keras.weights.bin');
    const doc = JSON.parse(readFileSync(join(dir, 'xor_keras.model.json'), 'utf8'));
    const bin = readFileSync(join(dir, doc.weightsManifest[0].paths[0]));
    await tf.setBackend('cpu');
    const model = await tfl.loadLayersModel(tf.io.fromMemory({
      modelTopology: doc.modelTopology, weightSpecs: doc.weightsManifest[0].weights,
      weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
    }));
    const p = (model.predict(tf.tensor([1, 1, -1, 0.5], [2, 2])) as tf.Tensor).dataSync();
    expect(Math.abs(p[0]! - CONSTANT_XOR_PREDICTION)).toBeLessThan(1e-6);
    expect(Math.abs(p[1]! - CONSTANT_XOR_PREDICTION)).toBeLessThan(1e-6);
  });

  it('still writes the script for a graph Keras cannot express, and says which node kept the model file out', async () => {
    const r = await runCli(['export', join(EXAMPLES_DIR, 'nalu-add.json'), '--to', 'keras', '-o', join(dir, 'nalu', 'nalu_keras.py')]);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(dir, 'nalu', 'nalu_keras.py'), 'utf8')).toContain('class NALU');
    const noteFile = r.err.split('\n').find((l) => l.includes('_keras.model.txt'))!.replace(/^wrote /, '');
    expect(readFileSync(noteFile, 'utf8')).toMatch(/node "nalu" \(NALU\)/);
  });
});
