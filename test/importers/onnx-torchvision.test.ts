import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../core/graph/analyze';
import { importOnnx } from '../../core/importers/onnx';
import { compileForPrediction, predict } from '../../core/inference/predict';
import { decodeNpy } from '../../core/util/npy';
import { encodeSafetensors } from '../../core/weights';
import { hasPythonModule, runPython } from '../exporters/helpers/python';
import { allCloseRatio } from './helpers/relative-error';

/**
 * Classic image classifiers as torchvision builds them (random weights, eval mode, BatchNorm with
 * non-trivial statistics) exported by torch.onnx at opset 13, the model zoo's mnist-8 layout, and constants
 * multiplied and added after a Conv, a BatchNorm and a Dense (folded into them): each
 * imports and predicts PyTorch's float64 output within allclose(rtol 1e-4, atol 1e-5). The files are large, so
 * scripts/onnx/make_torchvision.py writes them to a cache under the OS temp dir (keyed by the
 * script's content), never into the repository. VGG-11 (224×224, 0.5 GB) and opsets 11/17 are run
 * by hand with the script (docs/import.md records the results).
 */
const SCRIPT = fileURLToPath(new URL('../../scripts/onnx/make_torchvision.py', import.meta.url));
const MODELS = ['resnet18', 'mobilenet_v2', 'mobilenet_v3_small', 'shufflenet_v2_x0_5', 'densenet121', 'efficientnet_b0', 'mnasnet0_5'];
/** Models still refused, with words the refusal must contain; the rest must import and match. */
const REFUSED: Record<string, string[]> = {};

const available = hasPythonModule('torchvision') && hasPythonModule('onnx');
interface Entry { name: string; model: string; x: string; y: string }
let dir = '';
let manifest: Entry[] = [];

function generate(): string {
  const key = createHash('sha256').update(readFileSync(SCRIPT)).update(MODELS.join()).digest('hex').slice(0, 12);
  const out = join(tmpdir(), `netloom-torchvision-${key}`);
  // Caches made by an earlier version of the script are 130 MB each and never read again.
  for (const old of readdirSync(tmpdir())) {
    if (/^netloom-torchvision-[0-9a-f]{12}$/.test(old) && join(tmpdir(), old) !== out) rmSync(join(tmpdir(), old), { recursive: true, force: true });
  }
  if (existsSync(join(out, 'manifest.json'))) return out;
  const partial = `${out}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  runPython([SCRIPT, partial, '--opsets', '13', '--models', MODELS.join(',')], { timeoutMs: 300_000 });
  if (!existsSync(out)) renameSync(partial, out);
  else rmSync(partial, { recursive: true, force: true });
  return out;
}

describe.skipIf(!available)('torchvision classifiers and the mnist-8 layout through the ONNX importer (/usr/bin/python3 + torchvision)', () => {
  beforeAll(() => {
    dir = generate();
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Entry[];
  }, 300_000);

  it('the cache holds every model', () => {
    expect(manifest.map((m) => m.name).sort()).toEqual(['mnist8_pattern', 'folded_scale_pattern', ...MODELS.map((m) => `${m}_op13`)].sort());
  });

  it.each(['mnist8_pattern', 'folded_scale_pattern', ...MODELS.map((m) => `${m}_op13`)])('%s imports and predicts like PyTorch', (name) => {
    const c = manifest.find((m) => m.name === name)!;
    const r = importOnnx(new Uint8Array(readFileSync(join(dir, c.model))), { name });
    const refused = REFUSED[name.replace(/_op\d+$/, '')];
    if (refused) {
      expect(r.ok, `${name} was expected to be refused`).toBe(false);
      const text = r.ok ? '' : r.problems.map((p) => p.message).join('\n');
      for (const word of refused) expect(text).toContain(word);
      return;
    }
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
    expect(analyzeGraph(r.graph).problems.filter((p) => p.severity === 'error')).toEqual([]);
    const x = decodeNpy(new Uint8Array(readFileSync(join(dir, c.x))));
    const want = decodeNpy(new Uint8Array(readFileSync(join(dir, c.y))));
    const y = predict(compileForPrediction(r.graph), r.graph, x, encodeSafetensors(r.weights));
    expect(y.shape).toEqual(want.shape);
    // allclose(rtol 1e-4, atol 1e-5) against PyTorch in float64, as the node suite: through 20–120 layers
    // a near-zero logit carries ~1e-6 of float32 rounding from its O(1) terms (PyTorch's float32 too).
    expect(allCloseRatio(y.data, want.data), `|got − want| / (1e-5 + 1e-4·|want|), ${name}`).toBeLessThanOrEqual(1);
  });
});
