/**
 * Runs inside a worker_threads Worker: one training run per worker. All the logic is core's RunWorker;
 * this file only connects it to the thread's port and to the file system (MNIST, CSV). Started with
 * `netloomHelper` in its workerData, it is instead a run's data-parallel helper (parallel-helper.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runHelper, type HelperInit } from '../../core/engine/data-parallel';
import { Executor } from '../../core/engine/executor';
import { RunWorker } from '../../core/worker/run-worker';
import type { EngineWorkerData } from './engine-host';
import { createFileResources } from './file-resources';
import { spawnThreadHelper } from './parallel-helper';

if (!parentPort) throw new Error('worker-entry must run in a worker thread');
const port = parentPort;
const data = (workerData ?? {}) as EngineWorkerData & { netloomHelper?: HelperInit };
if (data.netloomHelper) {
  runHelper(data.netloomHelper, (plan, kernels, stateFloats) => new Executor(plan, kernels ? { kernels, stateFloats } : { backend: 'js' }), () => port.postMessage('ready'));
} else {
  const worker = new RunWorker(
    { post: (envelope, transfer) => port.postMessage(envelope, transfer) },
    (files) => createFileResources(files, data),
    spawnThreadHelper,
  );
  port.on('message', (m: unknown) => worker.handle(m));
}
