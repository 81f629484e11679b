import type { ResourceLoader } from '../../core/datasets/types';
import { DIGIT_IMPORTS } from './mnist-digits.js';

/**
 * Resources for a run in a Web Worker. A browser has no file system, so CSV text travels with the run
 * (RunOptions.files, read by the panel from a picked file). MNIST comes from the `mnist` package's ten
 * JSON files; each is its own dynamic import so the ~50 MB only load when an MNIST run asks for them.
 */

/** Kept per worker: one worker trains one run, so this is loaded at most once per run. */
let digits: Promise<Float32Array[]> | null = null;

function pixelsOf(mod: unknown, digit: number): Float32Array {
  // A JSON module's object is its default export; some bundlers also expose top-level keys by name.
  const m = mod as { default?: { data?: unknown }; data?: unknown };
  const data = m.default?.data ?? m.data;
  if (!Array.isArray(data)) throw new Error(`MNIST digit ${digit}: expected a "data" array of pixel values`);
  return Float32Array.from(data as number[]);
}

export function loadMnistDigits(): Promise<Float32Array[]> {
  digits ??= Promise.all(DIGIT_IMPORTS.map(async (load, d) => pixelsOf(await load(), d))).catch((e: unknown) => {
    digits = null; // a later run may retry (e.g. after a network hiccup)
    throw e;
  });
  return digits;
}

export function createBrowserResources(files: Record<string, string>): ResourceLoader {
  return {
    async readText(path: string) {
      if (Object.hasOwn(files, path)) return files[path]!;
      throw new Error(`the CSV file "${path}" was not given to this run: in the browser, pick it in the Training panel's dataset section`);
    },
    mnistDigits: loadMnistDigits,
  };
}
