import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../core/compiler/compile';
import { encodeNpy } from '../../core/exporters/npz';
import {
  decodeSafetensors, decodeWeightsFor, encodeSafetensors, encodeWeights, initialWeights, WeightsMismatchError,
} from '../../core/weights';
import { runCli } from './helpers/cli';
import { EXAMPLES_DIR, parse } from './helpers/graphs';

const xorGraph = parse(JSON.parse(readFileSync(join(EXAMPLES_DIR, 'xor-mlp.json'), 'utf8')));
const compiled = compileGraph(xorGraph);
if (!compiled.ok) throw new Error('xor example does not compile');
const plan = compiled.plan;
const dir = mkdtempSync(join(tmpdir(), 'netloom-weights-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('safetensors encoding', () => {
  it('writes the documented layout: u64 header length, JSON header, little-endian f32 data', () => {
    const bytes = encodeSafetensors([{ name: 'a.W', shape: [2, 2], data: Float32Array.of(1, -2, 0.5, 3) }], { format: 'test' });
    const view = new DataView(bytes.buffer);
    const headerLength = Number(view.getBigUint64(0, true));
    expect((8 + headerLength) % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
    expect(header['a.W']).toEqual({ dtype: 'F32', shape: [2, 2], data_offsets: [0, 16] });
    expect(header.__metadata__).toEqual({ format: 'test' });
    expect(view.getFloat32(8 + headerLength + 4, true)).toBe(-2);
    expect(bytes.length).toBe(8 + headerLength + 16);
  });

  it('round-trips names, shapes, values and metadata', () => {
    const data = Float32Array.from({ length: 6 }, (_, i) => i * 0.25 - 1);
    const back = decodeSafetensors(encodeSafetensors([{ name: 'x', shape: [3, 2], data }, { name: 'y', shape: [1], data: Float32Array.of(7) }], { k: 'v' }));
    expect(back.metadata).toEqual({ k: 'v' });
    expect(back.tensors.map((t) => [t.name, t.shape])).toEqual([['x', [3, 2]], ['y', [1]]]);
    expect(Array.from(back.tensors[0]!.data)).toEqual(Array.from(data));
  });

  it('rejects truncated files and unsupported dtypes with the tensor name', () => {
    expect(() => decodeSafetensors(new Uint8Array(3))).toThrow(/too short/);
    const good = encodeSafetensors([{ name: 'x', shape: [4], data: new Float32Array(4) }]);
    expect(() => decodeSafetensors(good.subarray(0, good.length - 4))).toThrow(/tensor "x": data_offsets/);
    const header = new TextEncoder().encode(JSON.stringify({ z: { dtype: 'F16', shape: [1], data_offsets: [0, 2] } }));
    const f16 = new Uint8Array(8 + header.length + 2);
    new DataView(f16.buffer).setBigUint64(0, BigInt(header.length), true);
    f16.set(header, 8);
    expect(() => decodeSafetensors(f16)).toThrow(/tensor "z": dtype "F16" is not supported/);
  });
});

describe('NetLoom weights files', () => {
  it('names tensors <node>.<param> with NetLoom shapes and says the layout in the metadata', () => {
    const file = decodeSafetensors(encodeWeights(plan, initialWeights(plan, 1)));
    expect(file.tensors.map((t) => `${t.name}[${t.shape.join(',')}]`)).toEqual(['d1.W[2,8]', 'd1.b[8]', 'd2.W[8,1]', 'd2.b[1]']);
    expect(file.metadata.format).toBe('netloom-weights');
    expect(file.metadata.layout).toMatch(/\[in\]\[out\]/);
  });

  it('initialWeights reproduces the trainer\'s initial weights for the seed', async () => {
    const { Trainer } = await import('../../core/engine/trainer');
    const { loadData } = await import('./helpers/reference-run');
    const trainer = new Trainer(plan, await loadData(xorGraph), xorGraph.training);
    const init = initialWeights(plan, xorGraph.training.seed);
    trainer.exec.params.forEach((p, i) => expect(Array.from(p)).toEqual(Array.from(init[i]!)));
  });

  it('decodeWeightsFor names every missing, misshapen or unexpected tensor', () => {
    const bytes = encodeSafetensors([
      { name: 'd1.W', shape: [8, 2], data: new Float32Array(16) },
      { name: 'd1.b', shape: [8], data: new Float32Array(8) },
      { name: 'd2.W', shape: [8, 1], data: new Float32Array(8) },
      { name: 'd3.W', shape: [1], data: new Float32Array(1) },
    ]);
    let message = '';
    try {
      decodeWeightsFor(plan, bytes);
    } catch (e) {
      expect(e).toBeInstanceOf(WeightsMismatchError);
      message = (e as Error).message;
    }
    expect(message).toContain('tensor "d1.W" has shape [8, 2], the graph needs [2, 8]');
    expect(message).toContain('tensor "d2.b" is missing');
    expect(message).toContain('tensor "d3.W" is not a parameter of this graph');
  });
});

describe('netloom train --save-weights / --load-weights', () => {
  const graphPath = join(EXAMPLES_DIR, 'xor-mlp.json');

  it('saves the trained weights; loading them continues from there', async () => {
    const saved = join(dir, 'after1.safetensors');
    const first = await runCli(['train', graphPath, '--epochs', '1', '--save-weights', saved]);
    expect(first.code, first.err).toBe(0);
    const after1 = decodeWeightsFor(plan, readFileSync(saved));
    const init = initialWeights(plan, 1);
    expect(after1[0]!.some((v, i) => v !== init[0]![i])).toBe(true);
    // Start from the file: the first epoch's loss must be below a fresh run's (training continued).
    const fresh = await runCli(['train', graphPath, '--epochs', '1', '--jsonl']);
    const resumed = await runCli(['train', graphPath, '--epochs', '1', '--jsonl', '--load-weights', saved]);
    expect(resumed.code, resumed.err).toBe(0);
    const firstBatchLoss = (out: string) => JSON.parse(out.split('\n').find((l) => l.includes('"type":"batch"'))!).loss as number;
    expect(firstBatchLoss(resumed.out)).not.toBe(firstBatchLoss(fresh.out));
    // Loading the initial weights gives exactly the fresh run (same batches, same weights).
    const initFile = join(dir, 'init.safetensors');
    writeFileSync(initFile, encodeWeights(plan, init));
    const fromInit = await runCli(['train', graphPath, '--epochs', '1', '--jsonl', '--load-weights', initFile]);
    expect(fromInit.out).toBe(fresh.out);
  });

  it('refuses weights that do not fit, naming the tensor', async () => {
    const wrong = join(dir, 'wrong.safetensors');
    writeFileSync(wrong, encodeSafetensors([{ name: 'd1.W', shape: [3, 8], data: new Float32Array(24) }]));
    const r = await runCli(['train', graphPath, '--epochs', '1', '--load-weights', wrong]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`--load-weights ${wrong}`);
    expect(r.err).toContain('tensor "d1.W" has shape [3, 8], the graph needs [2, 8]');
    expect(r.err).toContain('tensor "d1.b" is missing');
    const missing = await runCli(['train', graphPath, '--load-weights', join(dir, 'nope.safetensors')]);
    expect(missing.err).toMatch(/cannot read \(ENOENT\)/);
  });
});

describe('npy encoding', () => {
  it('pads the header to 64 bytes and stores little-endian float32', () => {
    const bytes = encodeNpy([2, 3], Float32Array.of(1, 2, 3, 4, 5, 6));
    const headerLength = new DataView(bytes.buffer).getUint16(8, true);
    expect((10 + headerLength) % 64).toBe(0);
    expect(new TextDecoder().decode(bytes.subarray(10, 10 + headerLength))).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(2, 3\), \} *\n$/);
    expect(new DataView(bytes.buffer).getFloat32(10 + headerLength + 20, true)).toBe(6);
  });
});
