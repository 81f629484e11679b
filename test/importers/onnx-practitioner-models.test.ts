/**
 * Small models as practitioners write them in PyTorch (BatchNorm + Dropout MLPs, conv stacks with global
 * pooling, x.view(x.size(0), -1), residual Adds, torch.cat branches, Conv1d, LSTM/GRU classifiers,
 * Embedding + mean, LayerNorm + GELU, permute/transpose/reshape, Hardswish/SiLU/Mish, softmax heads),
 * exported by torch.onnx.export at opsets 11, 13 and 17 with and without a dynamic batch axis. Each either
 * imports, reopens identical, and predicts PyTorch's saved output to 1e-4 relative, or is refused with a
 * message naming the op and the node. Made at test time by test/fixtures/onnx/make_practitioner_models.py
 * (its modules in practitioner_modules.py) into a cache under the system temp dir, keyed by both
 * files' hash, so an edit regenerates.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectValidImport } from './helpers/imported-graph';
import { importOnnx } from '../../core/importers/onnx';
import { compileForPrediction, predict } from '../../core/inference/predict';
import { onnx } from '../../core/onnx/proto';
import { decodeNpy } from '../../core/util/npy';
import { encodeSafetensors } from '../../core/weights';
import { missingTools, PYTHON } from './helpers/classic-models';
import { maxRelativeError } from './helpers/relative-error';

const SCRIPT = fileURLToPath(new URL('../fixtures/onnx/make_practitioner_models.py', import.meta.url));
const MODULES = fileURLToPath(new URL('../fixtures/onnx/practitioner_modules.py', import.meta.url));
interface Case { name: string; model: string; x: string; y: string }

/**
 * What NetLoom does not model, by model family: the op (first) and the words its refusal must hold.
 * Bidirectional recurrent layers (NetLoom's run forward only), Hardtanh (Clip(-1, 1): no NetLoom
 * activation clips there), nn.Upsample (Resize: no upsampling layer) and a ReLU RNN (SimpleRNN is tanh).
 */
const REFUSED: Record<string, string[]> = {
  lstm_bidir: ['LSTM', 'direction "bidirectional"'],
  gru_bidir: ['GRU', 'direction "bidirectional"'],
  mlp_hardtanh_elu: ['Clip', 'Clip(-1, 1) has no NetLoom activation'],
  upsample_nearest: ['Resize', 'is not supported'],
  rnn_relu_last: ['RNN', 'activations [Relu] are not the standard [Tanh]'],
};

function generate(): { dir: string; cases: Case[] } {
  const key = createHash('sha256').update(readFileSync(SCRIPT)).update(readFileSync(MODULES)).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `netloom-practitioner-${key}`);
  if (!existsSync(join(dir, 'manifest.json'))) {
    // Written into a side folder and renamed, so a half-written cache is never read.
    const tmp = `${dir}.partial-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    const r = spawnSync('nice', ['-n', '10', PYTHON, SCRIPT, tmp], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`make_practitioner_models.py failed:\n${r.stderr.slice(-3000)}`);
    if (!existsSync(dir)) renameSync(tmp, dir);
    else rmSync(tmp, { recursive: true, force: true });
  }
  return { dir, cases: JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Case[] };
}

const missing = missingTools([]);
const { dir, cases } = missing ? { dir: '', cases: [] as Case[] } : generate();
const bytes = (file: string) => new Uint8Array(readFileSync(join(dir, file)));
const family = (name: string) => name.replace(/_op\d+_(dyn|fixed)(_nofold)?$/, '');
const refusedFor = (name: string) => REFUSED[family(name)];

describe.skipIf(missing !== null)(`practitioner-style PyTorch models through the ONNX importer${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('has every model at opsets 11, 13 and 17, with a dynamic and a fixed batch, and unfolded at 13', () => {
    const families = [...new Set(cases.map((c) => family(c.name)))];
    expect(families.length).toBe(37);
    for (const f of families) {
      for (const opset of [11, 13, 17]) for (const b of ['dyn', 'fixed']) expect(cases.map((c) => c.name)).toContain(`${f}_op${opset}_${b}`);
      expect(cases.map((c) => c.name)).toContain(`${f}_op13_dyn_nofold`);
    }
  });

  it.each(cases.filter((c) => !refusedFor(c.name)).map((c) => [c.name, c] as const))('%s imports and predicts like PyTorch', (_n, c) => {
    const r = importOnnx(bytes(c.model), { name: c.name });
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
    expectValidImport(r.graph);
    const x = decodeNpy(bytes(c.x));
    const want = decodeNpy(bytes(c.y));
    const y = predict(compileForPrediction(r.graph), r.graph, x, encodeSafetensors(r.weights));
    // An output PyTorch squeezes to [N] keeps NetLoom's feature axis, [N, 1], and the import says so.
    if (want.shape.length === 1) {
      expect(y.shape).toEqual([...want.shape, 1]);
      expect(r.report.notes.join('\n')).toContain('NetLoom keeps its feature axis: [N, 1]');
    } else expect(y.shape).toEqual(want.shape);
    expect(maxRelativeError(y.data, want.data), `max relative error, ${c.name}`).toBeLessThan(1e-4);
    // out[:, -1, :] after a recurrent stack is its top layer's last step, not every step sliced.
    if (/^(lstm|gru)_(last|2layer)/.test(c.name)) {
      const layers = r.graph.nodes.filter((n) => n.type === 'LSTM' || n.type === 'GRU');
      expect(layers.map((n) => n.params?.returnSequences)).toEqual(c.name.includes('2layer') ? [true, false] : [false]);
      expect(r.graph.nodes.some((n) => n.type === 'Slice')).toBe(false);
    }
  });

  it.each(cases.filter((c) => refusedFor(c.name)).map((c) => [c.name, c] as const))('%s is refused, naming the op and node', (_n, c) => {
    const r = importOnnx(bytes(c.model));
    expect(r.ok).toBe(false);
    const text = r.ok ? '' : r.problems.map((p) => p.message).join('\n');
    for (const word of refusedFor(c.name)!) expect(text).toContain(word);
    // The node is named as the export wrote it (PyTorch names it "/rnn/LSTM" at these opsets).
    const op = refusedFor(c.name)![0]!;
    const node = onnx.ModelProto.decode(bytes(c.model)).graph!.node!.find((n) => n.opType === op)!;
    expect(text).toContain(`${op} (node "${node.name}")`);
  });
});
