import os from 'node:os';
import { FULL_PROTOCOL, QUICK_PROTOCOL, type ProtocolOptions, type WorkloadResult } from '../../core/bench/protocol';
import { FULL_SCALING, QUICK_SCALING, scalingMarkdown, type ScalingReport } from '../../core/bench/scaling-report';
import { WORKLOADS, type WorkloadName } from '../../core/bench/workloads';
import type { BenchRequest } from '../bench-worker';
import { CliError, type Output } from '../io';
import { tsWorker } from '../ts-worker';

export interface BenchRow extends WorkloadResult {
  peakRssMB: number;
}

/**
 * `netloom bench [--workload W] [--json]`: the reference workloads of docs/perf.md, each in a fresh worker
 * thread running the compiled plan. NETLOOM_BENCH_QUICK=1 shortens the windows (tests only: figures are
 * then meaningless, losses are not).
 */
export async function benchCommand(workload: string | undefined, json: boolean, io: Output, scaling = false, workers = 1): Promise<number> {
  if (scaling) return scalingCommand(json, io);
  if (workers !== 1 && workers !== 2) throw new CliError(`netloom bench: --workers must be 1 or 2, got ${workers}`, 2);
  const names = workload === undefined ? [...WORKLOADS] : [workload.toUpperCase()];
  for (const n of names) {
    if (!(WORKLOADS as readonly string[]).includes(n)) throw new CliError(`netloom bench: unknown workload "${workload}" (known: ${WORKLOADS.join(', ')})`, 2);
  }
  const protocol = process.env.NETLOOM_BENCH_QUICK === '1' ? QUICK_PROTOCOL : FULL_PROTOCOL;
  const header = `netloom bench — Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus().length} cpus, ${os.cpus()[0]?.model ?? '?'}`;
  if (!json) io.out(`${header}\n${pad('workload', 9)}${pad('figure', 20)}${pad('loss@100', 11)}${pad('PyTorch', 11)}${pad('kernels', 11)}${pad('workers', 8)}peak RSS\n`);
  const rows: BenchRow[] = [];
  for (const name of names as WorkloadName[]) {
    const row = await inWorker<WorkloadResult>({ workload: name, protocol, workers }, name);
    rows.push(row);
    if (!json) {
      const fig = `${Math.round(row.figure).toLocaleString('en-US')} ${row.unit}`;
      const ref = row.referenceLoss100 === null ? '—' : row.referenceLoss100.toFixed(6);
      io.out(`${pad(name, 9)}${pad(fig, 20)}${pad(row.loss100.toFixed(6), 11)}${pad(ref, 11)}${pad(row.kernels ? `wasm-${row.kernels}` : row.backend, 11)}${pad(String(row.workers), 8)}${row.peakRssMB.toFixed(0)} MB\n`);
    }
  }
  if (json) io.out(`${JSON.stringify({ node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, protocol, results: rows })}\n`);
  return 0;
}

function pad(s: string, w: number): string {
  return s.padEnd(w);
}

/** `netloom bench --scaling [--json]`: the scaling tables of docs/perf.md (markdown), in a worker thread. */
async function scalingCommand(json: boolean, io: Output): Promise<number> {
  const quick = process.env.NETLOOM_BENCH_QUICK === '1';
  const r = await inWorker<ScalingReport>({ kind: 'scaling', scaling: quick ? QUICK_SCALING : FULL_SCALING }, 'scaling');
  const head = `netloom bench --scaling — Node ${process.version}, ${os.cpus().length} cpus, ${os.cpus()[0]?.model ?? '?'}, load average ${os.loadavg()[0]!.toFixed(2)}`;
  io.out(json ? `${JSON.stringify({ node: process.version, ...r })}\n` : `${head}\n\n${scalingMarkdown(r)}`);
  return 0;
}

/** One bench request in a fresh worker thread (cli/bench-worker.ts). */
function inWorker<T>(request: BenchRequest, what: string): Promise<T & { peakRssMB: number }> {
  return new Promise((resolve, reject) => {
    const w = tsWorker(new URL('../bench-worker.ts', import.meta.url), request);
    w.once('message', (m: { ok: true; result: T; peakRssMB: number } | { ok: false; error: string }) => {
      void w.terminate();
      if (m.ok) resolve({ ...m.result, peakRssMB: m.peakRssMB });
      else reject(new Error(`bench ${what}: ${m.error}`));
    });
    w.once('error', reject);
    w.once('exit', (code) => { if (code !== 0) reject(new Error(`bench worker for ${what} exited with ${code}`)); });
  });
}
