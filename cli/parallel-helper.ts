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
 * A spawner that starts one helper and hands the same one to every trainer of the same plan, settings and
 * kernel build (the bench builds a fresh trainer per repeat; a step marked fresh resets the helper's
 * optimizer and weights). A different plan, or a helper its trainer stopped (`stopDataParallel`), gets a
 * new helper: a stopped helper has left its loop and would never answer. One trainer at a time: the
 * helper holds its share of the optimizer state, so two trainers stepping in turn must not share one.
 */
export function reusingSpawner(): { spawn: HelperSpawner; close(): void } {
  let live: { key: string; handle: HelperHandle } | null = null;
  return {
    spawn: (init) => {
      const key = JSON.stringify([init.plan, init.training, init.kernels]);
      if (live?.key !== key) {
        live?.handle.terminate();
        live = { key, handle: spawnNodeHelper(init) };
      }
      const mine = live;
      return {
        init: mine.handle.init,
        ready: mine.handle.ready,
        terminate: () => {
          if (live === mine) live = null;
          mine.handle.terminate();
        },
      };
    },
    close: () => live?.handle.terminate(),
  };
}
