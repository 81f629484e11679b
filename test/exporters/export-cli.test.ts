import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPORTERS } from '../../core/exporters';
import { CONSTANT_XOR_PREDICTION, runCli, writeConstantXorWeights } from './helpers/cli';
import { EXAMPLES_DIR } from './helpers/graphs';

const dir = mkdtempSync(join(tmpdir(), 'netloom-export-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const xorPath = join(EXAMPLES_DIR, 'xor-mlp.json');

describe('netloom export', () => {
  it('lists every target and refuses unknown ones', async () => {
    expect(Object.keys(EXPORTERS)).toEqual(['json', 'pytorch', 'keras', 'onnx']);
    const r = await runCli(['export', xorPath, '--to', 'tflite']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('unknown export target "tflite" (one of json, pytorch, keras, onnx)');
  });

  it('needs -o for the binary ONNX file', async () => {
    const r = await runCli(['export', xorPath, '--to', 'onnx']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('-o FILE');
  });

  it('prints a Python export without -o, and says which side files were not written', async () => {
    const r = await runCli(['export', xorPath, '--to', 'pytorch']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('class XOR(nn.Module):');
    expect(r.err).toContain('xor_weights.safetensors and xor_data.npz are not written');
  });

  it('--to onnx --load-weights carries the given weights into the model', async () => {
    // Weights that are clearly not the initial ones: every d2 weight 0 and bias 0.25 → sigmoid(0.25) everywhere.
    const wPath = writeConstantXorWeights(xorPath, join(dir, 'w.safetensors'));
    const out = join(dir, 'xor.onnx');
    const r = await runCli(['export', xorPath, '--to', 'onnx', '-o', out, '--load-weights', wPath]);
    expect(r.code, r.err).toBe(0);
    const session = await ort.InferenceSession.create(readFileSync(out));
    const result = await session.run({ input: new ort.Tensor('float32', Float32Array.of(1, 1, -1, 0.5), [2, 2]) });
    const p = result.prediction!.data as Float32Array;
    expect(Math.abs(p[0]! - CONSTANT_XOR_PREDICTION)).toBeLessThan(1e-6);
    expect(Math.abs(p[1]! - CONSTANT_XOR_PREDICTION)).toBeLessThan(1e-6);
  });

  it('rejects a weights file for another graph, naming the tensor', async () => {
    const wPath = join(dir, 'other.safetensors');
    const r0 = await runCli(['train', join(EXAMPLES_DIR, 'spiral-tanh.json'), '--epochs', '1', '--save-weights', wPath]);
    expect(r0.code, r0.err).toBe(0);
    const r = await runCli(['export', xorPath, '--to', 'onnx', '-o', join(dir, 'bad.onnx'), '--load-weights', wPath]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('tensor "d1.W" has shape [2, 16], the graph needs [2, 8]');
    expect(existsSync(join(dir, 'bad.onnx'))).toBe(false);
  });
});
