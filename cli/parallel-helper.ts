import type { HelperHandle, HelperInit, HelperSpawner } from '../core/engine/data-parallel';
import { tsWorker } from './ts-worker';

/** Starts data-parallel helpers as worker threads (the CLI's and the bench's HelperSpawner). */
export const spawnNodeHelper: HelperSpawner = (init: HelperInit): HelperHandle => {
  const w = tsWorker(new URL('./parallel-helper-worker.ts', import.meta.url), init);
  const ready = new Promise<void>((resolve, reject) => {
    w.once('message', (m) => (m === 'ready' ? resolve() : reject(new Error(String(m)))));
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`data-parallel helper exited with ${code}`)));
  });
  // Once it runs, the helper must not keep the process alive after the run (before, it must: the lead awaits it).
  void ready.then(() => w.unref(), () => {});
  return { init, ready, terminate: () => void w.terminate() };
};

/**
 * A spawner that starts one helper and hands the same one to every trainer of the same plan (the bench
 * builds a fresh trainer per repeat; the helper holds no state between steps but its executor).
 */
export function reusingSpawner(): { spawn: HelperSpawner; close(): void } {
  let handle: HelperHandle | null = null;
  return {
    spawn: (init) => {
      handle ??= spawnNodeHelper(init);
      return { init: handle.init, ready: handle.ready, terminate: () => {} };
    },
    close: () => handle?.terminate(),
  };
}
