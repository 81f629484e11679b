import type { ResourceLoader } from '../../core/datasets/types';
import { createNodeResources } from '../../cli/resources';

/**
 * Resources for a run in the desktop engine: CSV text sent with the run (the renderer read it through
 * the bridge) takes precedence; otherwise the file is read from disk, relative to the working directory.
 */
export function createFileResources(files: Record<string, string>): ResourceLoader {
  const disk = createNodeResources(process.cwd());
  return {
    readText: (path) => (Object.hasOwn(files, path) ? Promise.resolve(files[path]!) : disk.readText(path)),
    mnistDigits: () => disk.mnistDigits(),
  };
}
