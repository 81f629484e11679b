// Worker-thread side of `netloom bench`: runs one workload through the engine, as the app's engine host
// runs training off the main thread, and reports the figure with the process's peak memory.
import { parentPort, workerData } from 'node:worker_threads';
import { runWorkload, type ProtocolOptions } from '../core/bench/protocol';
import type { WorkloadName } from '../core/bench/workloads';

export interface BenchRequest {
  workload: WorkloadName;
  protocol: ProtocolOptions;
}

const req = workerData as BenchRequest;
try {
  const result = runWorkload(req.workload, req.protocol);
  // maxRSS is in KiB and covers the whole process (main thread, this worker, the wasm arena).
  parentPort!.postMessage({ ok: true, result, peakRssMB: process.resourceUsage().maxRSS / 1024 });
} catch (e) {
  parentPort!.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
}
