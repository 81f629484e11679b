import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { ResourceLoader } from '../core/datasets/types';

/** Loaded once per process: the ten digit files are ~50 MB of JSON and never change. */
let digitsCache: Promise<Float32Array[]> | null = null;

function mnistDigitsDir(): string {
  const require = createRequire(import.meta.url);
  return resolve(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
}

async function readDigit(dir: string, digit: number): Promise<Float32Array> {
  const file = resolve(dir, `${digit}.json`);
  const doc = JSON.parse(await readFile(file, 'utf8')) as { data?: unknown };
  if (!Array.isArray(doc.data)) throw new Error(`${file}: expected a "data" array of pixel values`);
  // Float32 halves the memory of the parsed numbers and is what the engine trains in anyway.
  return Float32Array.from(doc.data as number[]);
}

function loadDigits(): Promise<Float32Array[]> {
  digitsCache ??= (async () => {
    const dir = mnistDigitsDir();
    return Promise.all(Array.from({ length: 10 }, (_, d) => readDigit(dir, d)));
  })().catch((e: unknown) => {
    digitsCache = null; // let a later call retry rather than remember the failure
    throw e;
  });
  return digitsCache;
}

/**
 * Resources for the CLI (and tests): CSV paths resolve against `baseDir` — the directory of the graph
 * file — so a graph and its data can move together. MNIST comes from the installed `mnist` package: for
 * each digit one flat array of 784·k pixels in [0, 1].
 */
export function createNodeResources(baseDir: string): ResourceLoader {
  return {
    async readText(path: string) {
      const full = isAbsolute(path) ? path : resolve(baseDir, path);
      try {
        return await readFile(full, 'utf8');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
        throw new Error(`cannot read "${path}" (${full}): ${why}`);
      }
    },
    mnistDigits: loadDigits,
  };
}
