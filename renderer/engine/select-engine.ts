import type { EngineBridge, HostBridge } from '../../core/protocol/host';
import { createWebWorkerEngine } from './web-worker-engine';

/**
 * The engine the Training panel talks to: the host's own when it has one (Electron: worker_threads in
 * the main process, reached over IPC), otherwise Web Workers in this page (browser mode). Created once
 * per bridge, so every panel and node preview shares the same runs.
 */
const chosen = new WeakMap<HostBridge, EngineBridge>();

export function selectEngine(bridge: HostBridge): EngineBridge {
  let engine = chosen.get(bridge);
  if (!engine) {
    engine = bridge.engine ?? createWebWorkerEngine();
    chosen.set(bridge, engine);
  }
  return engine;
}
