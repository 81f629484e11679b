import type { ResourceLoader } from '../../core/datasets/types';
import { createNodeResources } from '../../node/resources';
import type { EngineWorkerData } from './engine-host';

/**
 * Resources for a run in the desktop engine: CSV text sent with the run (the renderer read it through
 * the bridge) takes precedence; otherwise the file is read from disk, relative to the graph's folder
 * (`baseDir`, as the CLI does) — never the process's working directory, which is `/` when the app is
 * started from Finder or a desktop launcher. MNIST comes from `mnistDir` (the packaged app's resources).
 */
export function createFileResources(files: Record<string, string>, data: EngineWorkerData = {}): ResourceLoader {
  const disk = createNodeResources(data.baseDir ?? process.cwd(), data.mnistDir !== undefined ? { mnistDir: data.mnistDir } : {});
  return {
    readText: (path) => (Object.hasOwn(files, path) ? Promise.resolve(files[path]!) : disk.readText(path)),
    mnistDigits: () => disk.mnistDigits(),
  };
}
