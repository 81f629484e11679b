import { RunWorker } from '../../core/worker/run-worker';
import { createBrowserResources } from '../../renderer/engine/browser-resources';
import type { WorkerLike } from '../../renderer/engine/web-worker-engine';

/**
 * A browser-mode engine worker (the same RunWorker and resources renderer/engine/engine-worker.ts wires
 * up) in this process, for createWebWorkerEngine's `createWorker`. Messages are structured-cloned and
 * delivered on a later turn, as a real Web Worker's are. `created` counts workers; `terminated` those ended.
 */
export function inProcessWorkers() {
  const stats = { created: 0, terminated: 0 };
  const create = (): WorkerLike => {
    stats.created++;
    const listeners = new Map<string, ((e: Event) => void)[]>();
    let alive = true;
    const worker = new RunWorker({
      post: (envelope) => {
        const data = structuredClone(envelope);
        setTimeout(() => {
          if (alive) for (const l of listeners.get('message') ?? []) l({ data } as unknown as Event);
        }, 0);
      },
    }, (files) => createBrowserResources(files));
    return {
      postMessage: (m) => {
        const copy = structuredClone(m);
        setTimeout(() => alive && worker.handle(copy), 0);
      },
      terminate: () => {
        if (alive) stats.terminated++;
        alive = false;
      },
      addEventListener: (type, l) => listeners.set(type, [...(listeners.get(type) ?? []), l]),
    };
  };
  return { create, stats };
}
