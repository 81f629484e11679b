// Bundles the Electron main process and the preload into dist/electron/ with esbuild.
// Both are CommonJS: sandboxed preloads cannot be ES modules, and a CommonJS main lets bundled
// dependencies use require() for Node built-ins. The root package.json says "type": "module", so a
// nested package.json marks dist/electron/*.js as CommonJS.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { unsupportedNodeMessage } from '../bin/node-version.mjs';

// `npm start` and `npm run dist` begin here (after the renderer build): say so plainly on an old Node.
const tooOld = unsupportedNodeMessage(process.versions.node);
if (tooOld) {
  console.error(tooOld);
  process.exit(1);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// --outdir <dir>: build elsewhere (tests build in parallel without sharing dist/electron).
const outdirArg = process.argv.indexOf('--outdir');
const outdir = outdirArg > 0 ? process.argv[outdirArg + 1] : join(root, 'dist', 'electron');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  external: ['electron'],
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
  absWorkingDir: root,
};

await mkdir(outdir, { recursive: true });
await Promise.all([
  // Electron 45 ships Node 22 and Chromium 140.
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: join(outdir, 'main.js'), target: 'node22' }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: join(outdir, 'preload.js'), target: 'chrome140' }),
  // The training worker is an ES module: it runs in a worker_thread, not in Electron's CommonJS main,
  // and the shared resource loader (node/resources.ts) uses import.meta.url to find the mnist package
  // in development. Packaged, it runs from app.asar.unpacked and reads the digits resource instead.
  build({ ...common, format: 'esm', entryPoints: ['electron/engine-host/worker-entry.ts'], outfile: join(outdir, 'engine-worker.mjs'), target: 'node22' }),
]);
await writeFile(join(outdir, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
