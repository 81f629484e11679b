import type { RunState } from '../../core/protocol/engine';
import type { RunRecord } from '../../core/runs/runs-file';
import { createRunData, DEFAULT_LIMITS, pushEpoch, type RunData, type StoreLimits } from './run-store';

/** Saved files hold at most this many batch-loss points per run. */
const SAVED_BATCH_POINTS = 2000;

function recordState(state: RunState): RunRecord['state'] {
  switch (state) {
    case 'starting': case 'running': return 'running';
    case 'ready': return 'stopped';
    default: return state;
  }
}

/**
 * A run as saved next to the graph. Batch losses are resampled onto a uniform stride from step 1
 * (what the file format stores), taking for each slot the latest loss at or before its step.
 */
export function toRunRecord(run: RunData): RunRecord {
  const { x, y } = run.batch;
  const lastStep = x.length > 0 ? x[x.length - 1]! : 0;
  const stride = Math.max(1, Math.ceil(lastStep / SAVED_BATCH_POINTS));
  const batchLosses: number[] = [];
  let j = 0;
  for (let step = 1; step <= lastStep; step += stride) {
    while (j + 1 < x.length && x[j + 1]! <= step) j++;
    if (x[j]! <= step) batchLosses.push(y[j]!);
  }
  return {
    id: run.meta.id,
    name: run.meta.name,
    startedAt: run.meta.startedAt,
    graph: run.meta.graph,
    options: run.meta.options,
    state: run.detached && (run.state === 'running' || run.state === 'paused') ? run.state : recordState(run.state),
    epochs: run.epochEvents,
    batchLosses,
    batchStride: stride,
    ...(run.error !== undefined ? { error: run.error } : {}),
  };
}

/** A saved run back as store data: curves and final metrics, no worker (it cannot be resumed). */
export function fromRunRecord(rec: RunRecord, limits: StoreLimits = DEFAULT_LIMITS): RunData {
  const run = createRunData({ id: rec.id, name: rec.name, startedAt: rec.startedAt, graph: rec.graph, options: rec.options }, limits);
  run.detached = true;
  run.state = rec.state;
  rec.batchLosses.forEach((loss, i) => run.batch.push(1 + i * rec.batchStride, loss));
  if (rec.batchLosses.length > 0) run.firstLoss = rec.batchLosses[0]!;
  for (const e of rec.epochs) pushEpoch(run, e, limits.epochPoints);
  const last = rec.epochs[rec.epochs.length - 1];
  run.epoch = last?.epoch ?? 0;
  run.step = rec.batchLosses.length > 0 ? 1 + (rec.batchLosses.length - 1) * rec.batchStride : 0;
  if (rec.error !== undefined) run.error = rec.error;
  return run;
}
