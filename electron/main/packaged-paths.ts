import { join, sep } from 'node:path';

/** Where the packaged app keeps the MNIST digit files (electron-builder `extraResources`). */
export const MNIST_RESOURCE_DIR = 'mnist-digits';
export const ENGINE_WORKER_FILE = 'engine-worker.mjs';

export interface LayoutInput {
  /** dist/electron, where main.js runs from (inside app.asar when packaged). */
  mainDir: string;
  isPackaged: boolean;
  /** process.resourcesPath: the folder holding app.asar and the extra resources. */
  resourcesPath: string;
}

/**
 * Run-time paths that differ once packaged. The engine worker is an ES module started by
 * worker_threads; loading one from inside app.asar is not a documented Electron path, so the builder
 * config unpacks it (`asarUnpack`) and it is started from `app.asar.unpacked`. The digits are an app
 * resource next to app.asar, since the installer ships no node_modules.
 */
export function packagedLayout(input: LayoutInput): { engineWorker: string; mnistDir?: string } {
  const worker = join(input.mainDir, ENGINE_WORKER_FILE);
  if (!input.isPackaged) return { engineWorker: worker };
  const asar = `${sep}app.asar${sep}`;
  return {
    engineWorker: worker.replace(asar, `${sep}app.asar.unpacked${sep}`),
    mnistDir: join(input.resourcesPath, MNIST_RESOURCE_DIR),
  };
}
