import type { ResourceLoader } from '../../../core/datasets/types';

/** A ResourceLoader over in-memory files, for tests that must not touch the disk. */
export function memoryResources(files: Record<string, string>, digits: ArrayLike<number>[] = []): ResourceLoader {
  return {
    async readText(path) {
      const text = files[path];
      if (text === undefined) throw new Error(`no such file "${path}"`);
      return text;
    },
    async mnistDigits() {
      return digits;
    },
  };
}

export const noResources = memoryResources({});
