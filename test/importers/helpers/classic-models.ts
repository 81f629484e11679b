/**
 * Runs test/fixtures/onnx/make_classic_models.py into a cache folder under the system temp dir (the
 * models hold far too many weights to commit) and reads its manifest. The folder is named by a hash of
 * the script and the parts asked for, so an edited script regenerates and an unchanged one is reused.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { importOnnx } from '../../../core/importers/onnx';
import type { Graph } from '../../../core/graph/schema';
import { compileForPrediction, predict } from '../../../core/inference/predict';
import { decodeNpy, type NpyData } from '../../../core/util/npy';
import { encodeSafetensors } from '../../../core/weights';

export const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('../../fixtures/onnx/make_classic_models.py', import.meta.url));

export interface ClassicCase { name: string; model: string; x: string; y?: string; source: 'torch' | 'ort' | 'node' }
export interface Generated { dir: string; cases: ClassicCase[] }

/** Why the models cannot be made here (no Python, or no torchvision for the "torch" part), or null. */
export function missingTools(parts: readonly string[]): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} is missing`;
  const modules = ['torch', 'onnx', ...(parts.includes('torch') ? ['torchvision'] : [])];
  const r = spawnSync(PYTHON, ['-c', `import ${modules.join(', ')}`], { encoding: 'utf8' });
  return r.status === 0 ? null : `${PYTHON} cannot import ${modules.join(', ')} (install python3-torch, python3-onnx, python3-torchvision)`;
}

export function generateModels(parts: readonly string[], extra: readonly string[] = []): Generated {
  const key = createHash('sha256').update(readFileSync(SCRIPT)).update(JSON.stringify([parts, extra])).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `netloom-classic-${key}`);
  const manifest = join(dir, 'manifest.json');
  if (!existsSync(manifest)) {
    const r = spawnSync('nice', ['-n', '10', PYTHON, SCRIPT, dir, ...parts, ...extra], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`make_classic_models.py failed:\n${r.stderr}`);
  }
  return { dir, cases: JSON.parse(readFileSync(manifest, 'utf8')) as ClassicCase[] };
}

export const readBytes = (dir: string, file: string) => new Uint8Array(readFileSync(join(dir, file)));

/** The expected output: PyTorch's or ONNX's (saved), else onnxruntime's run of the same model and input. */
export async function expectedOutput(dir: string, c: ClassicCase, x: NpyData): Promise<NpyData> {
  if (c.y) return decodeNpy(readBytes(dir, c.y));
  const session = await ort.InferenceSession.create(readBytes(dir, c.model));
  const feed = { [session.inputNames[0]!]: new ort.Tensor('float32', Float32Array.from(x.data), x.shape) };
  const out = (await session.run(feed))[session.outputNames[0]!]!;
  return { shape: [...out.dims], dtype: 'f4', data: Float64Array.from(out.data as Float32Array) } as NpyData;
}

/** Import a case and predict its input as `netloom predict` does. */
export function importAndPredict(dir: string, c: ClassicCase): { graph: Graph; x: NpyData; y: ReturnType<typeof predict> } {
  const r = importOnnx(readBytes(dir, c.model), { name: c.name });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  const x = decodeNpy(readBytes(dir, c.x));
  const y = predict(compileForPrediction(r.graph), r.graph, x, encodeSafetensors(r.weights));
  return { graph: r.graph, x, y };
}
