/**
 * Data-parallel helpers for desktop runs: the run's worker thread starts one more worker thread from the
 * same entry (worker-entry.ts sees `netloomHelper` in its workerData and runs the helper loop instead of a
 * RunWorker). Nested workers end with the run's worker.
 */
import { Worker } from 'node:worker_threads';
import type { HelperHandle, HelperInit, HelperSpawner } from '../../core/engine/data-parallel';

/** The entry this thread was started from: the bundle in the packaged app, worker-dev.mjs (tsx) in development. */
function entryUrl(): URL {
  const self = new URL(import.meta.url);
  return self.pathname.endsWith('.ts') ? new URL('./worker-dev.mjs', self) : self;
}

export const spawnThreadHelper: HelperSpawner = (init: HelperInit): HelperHandle => {
  const w = new Worker(entryUrl(), { workerData: { netloomHelper: init } });
  const ready = new Promise<void>((resolve, reject) => {
    w.once('message', (m) => (m === 'ready' ? resolve() : reject(new Error(String(m)))));
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`data-parallel helper exited with ${code}`)));
  });
  return { init, ready, terminate: () => void w.terminate() };
};
