// Worker-thread side of data-parallel training in the CLI: the helper that trains the second half of
// every batch (core/engine/data-parallel.ts). Blocks in its loop until the lead tells it to stop.
import { parentPort, workerData } from 'node:worker_threads';
import { runHelper, type HelperInit } from '../core/engine/data-parallel';
import { Executor } from '../core/engine/executor';

runHelper(
  workerData as HelperInit,
  (plan, kernels, stateFloats) => new Executor(plan, kernels ? { kernels, stateFloats } : { backend: 'js' }),
  () => parentPort!.postMessage('ready'),
);
