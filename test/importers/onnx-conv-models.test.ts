import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../core/graph/analyze';
import { expectReopensIdentical } from './helpers/imported-graph';
import { importOnnx } from '../../core/importers/onnx';
import { compileForPrediction, predict } from '../../core/inference/predict';
import { decodeNpy } from '../../core/util/npy';
import { encodeSafetensors } from '../../core/weights';
import { maxRelativeError } from './helpers/relative-error';

/**
 * The convolution, pooling, BatchNorm, shape and recurrent ops, and whole models (LeNet-5, a small
 * ResNet with skip connections, an LSTM classifier), made by test/fixtures/onnx/make_conv_models.py
 * with PyTorch's torch.onnx.export: each imports, and NetLoom's prediction matches PyTorch's < 1e-4.
 */
const dir = fileURLToPath(new URL('../fixtures/onnx/', import.meta.url));
interface Case { name: string; model: string; x: string; y: string; expect: 'ok' | 'refuse'; mention?: string[] }
const manifest = JSON.parse(readFileSync(`${dir}manifest-conv.json`, 'utf8')) as Case[];
const bytes = (file: string) => new Uint8Array(readFileSync(`${dir}models-conv/${file}`));

describe('ONNX import of PyTorch conv, pooling, BatchNorm, shape and recurrent models', () => {
  it('covers every op family at opsets 11, 13 and 17 and the whole models', () => {
    const names = manifest.map((c) => c.name);
    for (const op of ['conv2d_strided_padded', 'conv2d_dilated', 'conv2d_grouped_nobias', 'conv1d_strided_padded', 'maxpool2d_padded', 'avgpool2d_padded', 'batchnorm2d_eval', 'embedding']) {
      for (const opset of [11, 13, 17]) expect(names).toContain(`${op}_op${opset}`);
    }
    for (const whole of ['lenet5_op13', 'resnet_block_op17']) expect(names).toContain(whole);
  });

  it.each(manifest.filter((c) => c.expect === 'ok').map((c) => [c.name, c] as const))('%s imports and predicts like PyTorch', (_name, c) => {
    const r = importOnnx(bytes(c.model), { name: c.name });
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
    expectReopensIdentical(r.graph);
    expect(analyzeGraph(r.graph).problems.filter((p) => p.severity === 'error')).toEqual([]);
    const plan = compileForPrediction(r.graph);
    const x = decodeNpy(bytes(c.x));
    const want = decodeNpy(bytes(c.y));
    const y = predict(plan, r.graph, x, encodeSafetensors(r.weights));
    expect(y.shape).toEqual(want.shape);
    expect(maxRelativeError(y.data, want.data), `max relative error, ${c.name}`).toBeLessThan(1e-4);
  });

  it.each(manifest.filter((c) => c.expect === 'refuse').map((c) => [c.name, c] as const))('%s is refused, naming the node and attribute', (_name, c) => {
    const r = importOnnx(bytes(c.model));
    expect(r.ok).toBe(false);
    const text = r.ok ? '' : r.problems.map((p) => p.message).join('\n');
    for (const word of c.mention!) expect(text).toContain(word);
  });
});
