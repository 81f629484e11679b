/**
 * Imports every model a make_torchvision.py folder lists and compares NetLoom's prediction with
 * PyTorch's (max relative error, test/importers/helpers/relative-error.ts), with the time each took:
 *   /usr/bin/python3 scripts/onnx/make_torchvision.py DIR --opsets 11,13,17
 *   npx tsx scripts/onnx/torchvision-report.ts DIR [name filter]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importOnnx } from '../../core/importers/onnx';
import { compileForPrediction, predict } from '../../core/inference/predict';
import { decodeNpy } from '../../core/util/npy';
import { encodeSafetensors } from '../../core/weights';
import { maxRelativeError } from '../../test/importers/helpers/relative-error';

const [dir, filter = ''] = process.argv.slice(2);
if (!dir) throw new Error('usage: torchvision-report.ts DIR [filter]');
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { name: string; model: string; x: string; y: string }[];
for (const c of manifest.filter((m) => m.name.includes(filter))) {
  const t0 = performance.now();
  const r = importOnnx(new Uint8Array(readFileSync(join(dir, c.model))), { name: c.name });
  if (!r.ok) {
    console.log(`${c.name}: refused\n  ${r.problems.map((p) => p.message).join('\n  ')}`);
    continue;
  }
  const t1 = performance.now();
  const x = decodeNpy(new Uint8Array(readFileSync(join(dir, c.x))));
  const want = decodeNpy(new Uint8Array(readFileSync(join(dir, c.y))));
  const y = predict(compileForPrediction(r.graph), r.graph, x, encodeSafetensors(r.weights));
  const t2 = performance.now();
  const err = maxRelativeError(y.data, want.data);
  console.log(`${c.name}: ${err < 1e-4 ? 'ok' : 'WRONG'} max relative error ${err.toExponential(2)}, ${r.graph.nodes.length} nodes, import ${(t1 - t0).toFixed(0)} ms, predict ${(t2 - t1).toFixed(0)} ms`);
}
