// Worker-thread side of `netloom bench`: runs one workload (or the scaling tables) through the engine, as
// the app's engine host runs training off the main thread, and reports with the process's peak memory.
import { parentPort, workerData } from 'node:worker_threads';
import { runWorkload, type ProtocolOptions } from '../core/bench/protocol';
import { scalingReport, type ScalingOptions } from '../core/bench/scaling-report';
import type { WorkloadName } from '../core/bench/workloads';
import { reusingSpawner } from './parallel-helper';

export type BenchRequest =
  | { kind?: 'workload'; workload: WorkloadName; protocol: ProtocolOptions; workers?: number }
  | { kind: 'scaling'; scaling: ScalingOptions };

const req = workerData as BenchRequest;
const helpers = reusingSpawner();
try {
  const result = req.kind === 'scaling' ? scalingReport(req.scaling) : await runWorkload(req.workload, req.protocol, (req.workers ?? 1) > 1 ? helpers.spawn : undefined);
  // maxRSS is in KiB and covers the whole process (main thread, this worker, the wasm arena).
  parentPort!.postMessage({ ok: true, result, peakRssMB: process.resourceUsage().maxRSS / 1024 });
} catch (e) {
  parentPort!.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
} finally {
  helpers.close();
}
