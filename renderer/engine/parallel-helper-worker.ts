/// <reference lib="webworker" />
/**
 * Entry of the nested Web Worker that trains the second half of every batch of a data-parallel run in
 * browser mode (core/engine/data-parallel.ts). Started by the run's worker (web-helper.ts); only exists
 * when the page is cross-origin isolated, since it needs SharedArrayBuffer.
 */
import { runHelper, type HelperInit } from '../../core/engine/data-parallel';
import { Executor } from '../../core/engine/executor';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.addEventListener('message', (e: MessageEvent<HelperInit>) => {
  // Blocks this worker in Atomics.wait between steps until the run tells it to stop.
  runHelper(e.data, (plan, kernels, stateFloats) => new Executor(plan, kernels ? { kernels, stateFloats } : { backend: 'js' }), () => scope.postMessage('ready'));
}, { once: true });
