import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * "renderer/ talks to the engine only through the one bridge interface": no file that runs on the
 * window's thread may import the engine's running code (inference, the executor and trainer, the run
 * worker, the kernels). Type-only imports are fine (they vanish at build). The Web Worker entries are
 * the exception: they are the engine, started in a worker by the bridge.
 */
const root = resolve(import.meta.dirname, '../..');
const ENGINE_DIRS = ['core/inference/', 'core/engine/', 'core/worker/', 'core/kernels/'];
const WORKER_ENTRIES = new Set(['renderer/engine/engine-worker.ts', 'renderer/engine/parallel-helper-worker.ts']);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

/** Value imports (and re-exports) of a file, as paths relative to the repository. */
function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
    if (m[2] || !m[3]!.startsWith('.')) continue;
    out.push(relative(root, resolve(dirname(file), m[3]!)).replaceAll('\\', '/'));
  }
  for (const m of text.matchAll(/import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) out.push(relative(root, resolve(dirname(file), m[1]!)).replaceAll('\\', '/'));
  return out;
}

describe('the renderer reaches the engine only through the bridge', () => {
  it('no window-thread file imports core/inference, core/engine, core/worker or core/kernels', () => {
    const offending: string[] = [];
    for (const file of filesUnder(join(root, 'renderer'))) {
      const rel = relative(root, file).replaceAll('\\', '/');
      if (WORKER_ENTRIES.has(rel)) continue;
      for (const target of valueImports(file)) if (ENGINE_DIRS.some((d) => `${target}/`.startsWith(d) || target.startsWith(d))) offending.push(`${rel} → ${target}`);
    }
    expect(offending).toEqual([]);
  });

  it('the check sees an offending import (it is not vacuous)', () => {
    expect(valueImports(join(root, 'renderer/engine/engine-worker.ts'))).toContain('core/worker/run-worker');
  });
});
