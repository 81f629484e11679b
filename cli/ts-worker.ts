import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * A worker thread running a TypeScript entry: a small bootstrap registers tsx inside the new thread (hooks
 * are per thread), then imports the entry.
 */
export function tsWorker(entry: URL, workerData: unknown): Worker {
  // The ESM build of tsx's API (require.resolve would pick the CommonJS one).
  const require = createRequire(import.meta.url);
  const tsxPkg = require.resolve('tsx/package.json');
  const tsxApi = new URL((require(tsxPkg) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!.import.default, pathToFileURL(tsxPkg)).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
