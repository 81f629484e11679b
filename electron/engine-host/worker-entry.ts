/**
 * Runs inside a worker_threads Worker: one training run per worker. All the logic is core's RunWorker;
 * this file only connects it to the thread's port and to the file system (MNIST, CSV).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RunWorker } from '../../core/worker/run-worker';
import type { EngineWorkerData } from './engine-host';
import { createFileResources } from './file-resources';

if (!parentPort) throw new Error('worker-entry must run in a worker thread');
const port = parentPort;
const data = (workerData ?? {}) as EngineWorkerData;
const worker = new RunWorker(
  { post: (envelope, transfer) => port.postMessage(envelope, transfer) },
  (files) => createFileResources(files, data),
);
port.on('message', (m: unknown) => worker.handle(m));
