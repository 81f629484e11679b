/// <reference lib="webworker" />
/**
 * Entry of the Web Worker that trains one run in browser mode. All the logic is core's RunWorker (the
 * same class the desktop worker_thread runs); this file connects it to the worker's message port.
 */
import { z } from 'zod';
import { RunWorker } from '../../core/worker/run-worker';
import { createBrowserResources } from './browser-resources';
import { spawnWebHelper } from './web-helper';

// The page's CSP (inherited by the worker) forbids eval; without this zod probes `new Function`.
z.config({ jitless: true });

const scope = self as unknown as DedicatedWorkerGlobalScope;
const worker = new RunWorker(
  // Transfer lists move the typed arrays (losses, decision grid…) instead of copying them.
  { post: (envelope, transfer) => scope.postMessage(envelope, transfer) },
  (files) => createBrowserResources(files),
  // Used only where SharedArrayBuffer exists (a cross-origin isolated page) and the run is large enough.
  spawnWebHelper,
);
scope.addEventListener('message', (e: MessageEvent<unknown>) => worker.handle(e.data));
