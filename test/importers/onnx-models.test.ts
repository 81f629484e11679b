import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectValidImport } from './helpers/imported-graph';
import { importOnnx } from '../../core/importers/onnx';
import { compileForPrediction, predict } from '../../core/inference/predict';
import { decodeNpy } from '../../core/util/npy';
import { encodeSafetensors } from '../../core/weights';
import { maxRelativeError } from './helpers/relative-error';

/**
 * Models made by test/fixtures/onnx/make_models.py (PyTorch's torch.onnx.export at opsets 9, 11, 13 and
 * 17, plus onnx.helper for attribute paths PyTorch never writes): each imports, and NetLoom's
 * prediction on the saved input matches the saved output (PyTorch's, or NumPy's from the op's
 * definition) to 1e-4 relative. The refused ones name every op and node that stops them.
 */
const dir = fileURLToPath(new URL('../fixtures/onnx/', import.meta.url));
interface Case { name: string; model: string; x?: string; y?: string; expect: 'ok' | 'refuse'; mention?: string[] }
const manifest = JSON.parse(readFileSync(`${dir}manifest.json`, 'utf8')) as Case[];
const bytes = (file: string) => new Uint8Array(readFileSync(`${dir}models/${file}`));

describe('ONNX import of PyTorch and onnx.helper models', () => {
  it('covers every supported op family at opsets 9, 11, 13 and 17', () => {
    const names = manifest.map((c) => c.name);
    for (const op of ['relu', 'leaky_relu', 'prelu', 'elu', 'selu', 'sigmoid', 'tanh', 'softplus', 'softsign', 'hardsigmoid', 'relu6', 'softmax']) {
      for (const opset of [9, 11, 13, 17]) expect(names).toContain(`act_${op}_op${opset}`);
    }
    expect(manifest.filter((c) => c.expect === 'ok').length).toBeGreaterThan(50);
  });

  it.each(manifest.filter((c) => c.expect === 'ok').map((c) => [c.name, c] as const))('%s imports and predicts like the source', (_name, c) => {
    const r = importOnnx(bytes(c.model), { name: c.name });
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
    // The graph is a valid v1 file that reopens identical, and analysis has only the "add a Loss" note.
    expectValidImport(r.graph);
    const plan = compileForPrediction(r.graph);
    const x = decodeNpy(bytes(c.x!));
    const want = decodeNpy(bytes(c.y!));
    const y = predict(plan, r.graph, x, encodeSafetensors(r.weights));
    expect(y.shape).toEqual(want.shape);
    expect(maxRelativeError(y.data, want.data), `max relative error, ${c.name}`).toBeLessThan(1e-4);
  });

  it.each(manifest.filter((c) => c.expect === 'refuse').map((c) => [c.name, c] as const))('%s is refused, naming the op and node', (_name, c) => {
    const r = importOnnx(bytes(c.model));
    expect(r.ok).toBe(false);
    const text = r.ok ? '' : r.problems.map((p) => p.message).join('\n');
    for (const word of c.mention!) expect(text).toContain(word);
  });
});
