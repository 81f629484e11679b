import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseGraphText } from '../../core/graph/io';
import { encodeNpz } from '../../core/exporters/npz';
import { decodeNpy, encodeNpy } from '../../core/util/npy';
import { decodeSafetensors } from '../../core/weights';
import { fixturePath, runCli, STACK_FRAME } from './run-cli';

/** `netloom import` and `netloom predict` on the committed ONNX test models, and their error paths. */
const dir = mkdtempSync(join(tmpdir(), 'netloom-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const model = (name: string) => fixturePath(`onnx/models/${name}`);

describe('netloom import', () => {
  it('writes the graph and <graph>.safetensors, and says what it folded', async () => {
    const out = join(dir, 'folded.json');
    const r = await runCli(['import', model('folded_constants.onnx'), '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^imported .*folded_constants\.onnx: 3 nodes, 2 edges, 36 parameters \(opset 13, from make_models\.py\)$/m);
    expect(r.stdout).toContain(`wrote ${out} and ${join(dir, 'folded.safetensors')}`);
    expect(r.stdout).toMatch(/folded 8 constant ops: Transpose "transpose_weight", Constant "bias_const", .*ConstantOfShape "half_bias"/);
    const g = parseGraphText(readFileSync(out, 'utf8'));
    expect(g.ok && g.graph.nodes.map((n) => n.type)).toEqual(['Input', 'Dense', 'Dense']);
    expect(readFileSync(join(dir, 'folded.safetensors')).length).toBeGreaterThan(36 * 4);
  });

  it('--weights puts the weights where asked', async () => {
    const w = join(dir, 'elsewhere', 'mlp-weights.safetensors');
    const r = await runCli(['import', model('mlp_op13.onnx'), '-o', join(dir, 'mlp.json'), '--weights', w]);
    expect(r.code).toBe(0);
    expect(readFileSync(w).length).toBeGreaterThan(0);
  });

  it('refuses a model with unsupported ops, listing each by type and node, and writes nothing', async () => {
    const out = join(dir, 'nms.json');
    const r = await runCli(['import', model('unsupported_ops.onnx'), '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the model uses 2 ops NetLoom cannot import yet (TopK, NonMaxSuppression)');
    expect(r.stderr).toContain('TopK (node "top_k") is not supported');
    expect(r.stderr).toContain('NonMaxSuppression (node "nms") is not supported');
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(() => readFileSync(out)).toThrow();
  });

  it('gives a clear error for a truncated file, a non-ONNX file and a missing one', async () => {
    const full = readFileSync(model('mlp_op13.onnx'));
    const cut = join(dir, 'cut.onnx');
    writeFileSync(cut, full.subarray(0, Math.floor(full.length / 2)));
    const notOnnx = join(dir, 'notes.onnx');
    writeFileSync(notOnnx, 'these are my notes, not a model\n');
    const truncated = await runCli(['import', cut, '-o', join(dir, 'cut.json')]);
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toContain('is not a complete ONNX model: it looks truncated');
    const text = await runCli(['import', notOnnx, '-o', join(dir, 'notes.json')]);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('notes.onnx is not an ONNX model');
    const missing = await runCli(['import', join(dir, 'nope.onnx'), '-o', join(dir, 'nope.json')]);
    expect(missing.stderr).toContain('nope.onnx: no such file');
    for (const r of [truncated, text, missing]) expect(r.stderr).not.toMatch(STACK_FRAME);
  });
});

describe('an imported graph', () => {
  it('validates with the "add a Loss" note, exports to ONNX again, and refuses training-code exports', async () => {
    const g = join(dir, 'again.json');
    expect((await runCli(['import', model('add_concat_op13.onnx'), '-o', g])).code).toBe(0);
    const v = await runCli(['validate', g]);
    expect(v.code).toBe(0);
    expect(v.stderr).toContain('warning: nodes: no Loss node: the graph can predict but not train');
    const onnx = join(dir, 'again.onnx');
    const e = await runCli(['export', g, '--to', 'onnx', '-o', onnx, '--load-weights', join(dir, 'again.safetensors')]);
    expect(e.code).toBe(0);
    const back = await runCli(['import', onnx, '-o', join(dir, 'again2.json')]);
    expect(back.code).toBe(0);
    const tensors = (f: string) => decodeSafetensors(new Uint8Array(readFileSync(join(dir, f)))).tensors;
    expect(tensors('again2.safetensors')).toEqual(tensors('again.safetensors'));
    const py = await runCli(['export', g, '--to', 'pytorch', '-o', join(dir, 'again.py')]);
    expect(py.code).toBe(1);
    expect(py.stderr).toContain('the graph has no dataset (it runs for prediction only); add a Loss and choose a dataset to export training code');
  });
});

describe('netloom predict', () => {
  it('predicts with the weights beside the graph and matches PyTorch', async () => {
    const g = join(dir, 'mlp17.json');
    expect((await runCli(['import', model('mlp_op17.onnx'), '-o', g])).code).toBe(0);
    const y = join(dir, 'y.npy');
    const r = await runCli(['predict', g, '--input', model('mlp_op17.x.npy'), '-o', y]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`weights: ${join(dir, 'mlp17.safetensors')} (beside the graph)`);
    expect(r.stderr).toMatch(/prediction: output of node ".+", shape \(8, 3\)/);
    const got = decodeNpy(new Uint8Array(readFileSync(y)));
    const want = decodeNpy(new Uint8Array(readFileSync(model('mlp_op17.y.npy'))));
    expect(got.shape).toEqual([8, 3]);
    want.data.forEach((v, i) => expect(Math.abs(got.data[i]! - v)).toBeLessThan(1e-4 * Math.abs(v) + 1e-6));
    // The same input as NumPy's compressed .npz (deflate) and as NetLoom's stored .npz give the same rows.
    const stored = join(dir, 'x.npz');
    const x = decodeNpy(new Uint8Array(readFileSync(model('mlp_op17.x.npy'))));
    writeFileSync(stored, encodeNpz([{ name: 'x', shape: x.shape, data: Float32Array.from(x.data) }]));
    for (const input of [model('mlp_op17.x.npz'), stored]) {
      const r2 = await runCli(['predict', g, '--input', input, '-o', join(dir, 'y2.npy')]);
      expect(r2.code, r2.stderr).toBe(0);
      expect(decodeNpy(new Uint8Array(readFileSync(join(dir, 'y2.npy')))).data).toEqual(got.data);
    }
  });

  it('says when it falls back to the initial weights, and accepts integer (token id) inputs', async () => {
    const g = join(dir, 'mlp17.json');
    rmSync(join(dir, 'mlp17.safetensors'));
    const x = join(dir, 'ints.npy');
    writeFileSync(x, intNpy([2, 4], [1, 0, 2, 1, 0, 0, 3, 1]));
    const r = await runCli(['predict', g, '--input', x]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('using the initial weights of seed 1');
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('gives clear errors for a wrong shape, a wrong dtype and a non-array file', async () => {
    const g = join(dir, 'mlp17.json');
    const wrong = join(dir, 'wrong.npy');
    writeFileSync(wrong, encodeNpy([3, 5], new Float32Array(15)));
    const shape = await runCli(['predict', g, '--input', wrong]);
    expect(shape.code).toBe(1);
    expect(shape.stderr).toContain("input has shape (3, 5); the graph's Input takes [B, 4]");
    const complex = join(dir, 'complex.npy');
    writeFileSync(complex, headerOnly("{'descr': '<c8', 'fortran_order': False, 'shape': (1, 4), }"));
    const dtype = await runCli(['predict', g, '--input', complex]);
    expect(dtype.code).toBe(1);
    expect(dtype.stderr).toContain('dtype c8 are not supported');
    const junk = join(dir, 'junk.npy');
    writeFileSync(junk, 'not an array');
    const notNpy = await runCli(['predict', g, '--input', junk]);
    expect(notNpy.stderr).toContain('neither a .npy nor a .npz file');
    for (const r of [shape, dtype, notNpy]) expect(r.stderr).not.toMatch(STACK_FRAME);
  });
});

function headerOnly(header: string): Uint8Array {
  const padded = header + ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + padded.length + 64);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, padded.length, true);
  for (let i = 0; i < padded.length; i++) out[10 + i] = padded.charCodeAt(i);
  return out;
}

/** An int64 .npy (token ids), as np.save writes it. */
function intNpy(shape: number[], values: number[]): Uint8Array {
  const head = headerOnly(`{'descr': '<i8', 'fortran_order': False, 'shape': (${shape.join(', ')}), }`);
  const start = head.length - 64;
  const out = new Uint8Array(start + 8 * values.length);
  out.set(head.subarray(0, start));
  const v = new DataView(out.buffer);
  values.forEach((x, i) => v.setBigInt64(start + 8 * i, BigInt(x), true));
  return out;
}
