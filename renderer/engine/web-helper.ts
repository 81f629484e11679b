/// <reference lib="webworker" />
import type { HelperHandle, HelperInit, HelperSpawner } from '../../core/engine/data-parallel';

/**
 * Data-parallel helpers in browser mode: a nested module Web Worker per run, handed the plan and the
 * SharedArrayBuffer in one message. It ends with the run's worker.
 */
export const spawnWebHelper: HelperSpawner = (init: HelperInit): HelperHandle => {
  const w = new Worker(new URL('./parallel-helper-worker.ts', import.meta.url), { type: 'module', name: 'netloom-helper' });
  const ready = new Promise<void>((resolve, reject) => {
    w.addEventListener('message', (e: MessageEvent<unknown>) => (e.data === 'ready' ? resolve() : reject(new Error(String(e.data)))), { once: true });
    w.addEventListener('error', (e) => reject(new Error(e.message || 'data-parallel helper failed to start')), { once: true });
  });
  w.postMessage(init);
  return { init, ready, terminate: () => w.terminate() };
};
