import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../core/compiler/compile';
import { decodeWeightsFor, initialWeights } from '../../core/weights';
import { runCli } from './helpers/cli';
import { EXAMPLES_DIR, parse } from './helpers/graphs';
import { hasPythonModule, runPython, TORCHRUN } from './helpers/python';

/**
 * The exported script as a user runs it: exported by the CLI (script + weights + data beside it), then
 * `python3 model.py --epochs 1` and `torchrun --nproc_per_node 2` on CPU (gloo), both reporting a loss.
 */
const torchAvailable = hasPythonModule('torch');
const lossLine = /epoch 1\/1: train loss (\d+\.\d+)/;

describe.skipIf(!torchAvailable)('exported PyTorch script runs', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'netloom-torch-script-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('netloom export --to pytorch -o writes the script, its weights and its data', async () => {
    const r = await runCli(['export', join(EXAMPLES_DIR, 'xor-mlp.json'), '--to', 'pytorch', '-o', join(dir, 'model.py')]);
    expect(r.code, r.err).toBe(0);
    for (const f of ['model.py', 'xor_weights.safetensors', 'xor_data.npz']) expect(existsSync(join(dir, f)), f).toBe(true);
    // The data file holds NetLoom's split: 400 samples, 20% validation.
    const shapes = runPython(['-c', `import numpy as np; d = np.load("${join(dir, 'xor_data.npz')}"); print({k: d[k].shape for k in d.files})`]);
    expect(shapes).toContain("'x_train': (320, 2)");
    expect(shapes).toContain("'y_val': (80,)");
  });

  it('python3 model.py --epochs 1 trains from NetLoom\'s weights and saves weights NetLoom can load', () => {
    const out = runPython(['model.py', '--epochs', '1', '--device', 'cpu', '--save-weights', 'trained.safetensors'], { cwd: dir });
    expect(out).toContain('training on 1 process(es), device cpu');
    const loss = Number(lossLine.exec(out)?.[1]);
    expect(loss).toBeGreaterThan(0);
    expect(loss).toBeLessThan(2);
    // The saved file fits the graph (names and shapes checked) and holds trained, not initial, values.
    const graph = parse(JSON.parse(readFileSync(join(EXAMPLES_DIR, 'xor-mlp.json'), 'utf8')));
    const compiled = compileGraph(graph);
    if (!compiled.ok) throw new Error('example does not compile');
    const trained = decodeWeightsFor(compiled.plan, readFileSync(join(dir, 'trained.safetensors')));
    const initial = initialWeights(compiled.plan, graph.training.seed);
    expect(trained[0]!.length).toBe(initial[0]!.length);
    expect(trained[0]!.some((v, i) => Math.abs(v - initial[0]![i]!) > 1e-6)).toBe(true);
  });

  it('netloom train --load-weights accepts weights trained by the exported script', async () => {
    const r = await runCli(['train', join(EXAMPLES_DIR, 'xor-mlp.json'), '--epochs', '1', '--load-weights', join(dir, 'trained.safetensors')]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/epoch 1: train loss \d/);
  });

  it.skipIf(!existsSync(TORCHRUN))('torchrun --nproc_per_node 2 runs it with DistributedDataParallel on CPU (gloo)', () => {
    // --redirects 1 --tee 1 works around Debian's torch 1.13 under Python 3.11, whose torchrun crashes on
    // its own default "--redirects 0" (Std.from_str returns None); output still reaches the console.
    let out: string;
    try {
      out = execFileSync(TORCHRUN, ['--standalone', '--redirects', '1', '--tee', '1', '--nproc_per_node', '2', 'model.py', '--epochs', '1', '--device', 'cpu'], {
        cwd: dir, encoding: 'utf8', timeout: 240_000, env: { ...process.env, OMP_NUM_THREADS: '1' },
      });
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; message: string };
      throw new Error(`torchrun failed: ${err.message}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
    }
    expect(out).toContain('training on 2 process(es), device cpu');
    const loss = Number(lossLine.exec(out)?.[1]);
    expect(loss).toBeGreaterThan(0);
    expect(loss).toBeLessThan(2);
  }, 300_000);

  it('reports a missing data file clearly', () => {
    expect(() => runPython(['model.py', '--epochs', '1', '--data', 'nowhere.npz'], { cwd: dir })).toThrow(/nowhere\.npz: no data file/);
  });
});

