import { z } from 'zod';
import { EpochEvent } from '../protocol/events';
import { RunOptions } from '../protocol/engine';
import { parseGraphObject } from '../graph/io';
import { formatProblem } from '../graph/problem';
import type { Graph } from '../graph/schema';

/**
 * A history of training runs, saved next to the graph file as `<name>.runs.json`. Each run keeps the
 * graph exactly as it was trained (a snapshot), its settings and its metrics, so curves can be compared
 * after the graph has changed.
 */
export const RUNS_FORMAT = 'netloom-runs';
export const RUNS_VERSION = 1;

export const RunRecordSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  /** ISO time the run started. */
  startedAt: z.string(),
  graph: z.unknown(),
  options: RunOptions.omit({ files: true, crashAfterBatches: true, hangAfterBatches: true }),
  state: z.enum(['running', 'paused', 'done', 'stopped', 'error']),
  epochs: z.array(EpochEvent),
  /** Batch losses, decimated to at most a few thousand points. */
  batchLosses: z.array(z.number()),
  batchStride: z.number().int().min(1),
  error: z.string().optional(),
});
export type RunRecord = Omit<z.infer<typeof RunRecordSchema>, 'graph'> & { graph: Graph };

const RunsFileSchema = z.object({
  format: z.literal(RUNS_FORMAT),
  version: z.number().int(),
  runs: z.array(RunRecordSchema),
});

export type RunsParse = { ok: true; runs: RunRecord[] } | { ok: false; message: string };

export function parseRunsText(text: string): RunsParse {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `not valid JSON: ${(e as Error).message}` };
  }
  const r = RunsFileSchema.safeParse(doc);
  if (!r.success) {
    const i = r.error.issues[0]!;
    return { ok: false, message: `${i.path.join('.') || 'file'}: ${i.message}` };
  }
  if (r.data.version > RUNS_VERSION) return { ok: false, message: `runs file version ${r.data.version} is newer than this NetLoom understands (${RUNS_VERSION}); update NetLoom` };
  const runs: RunRecord[] = [];
  for (const [i, run] of r.data.runs.entries()) {
    const g = parseGraphObject(run.graph);
    if (!g.ok) return { ok: false, message: `runs[${i}].graph: ${g.problems.map(formatProblem).join('; ')}` };
    runs.push({ ...run, graph: g.graph });
  }
  return { ok: true, runs };
}

export function serializeRuns(runs: RunRecord[]): string {
  return `${JSON.stringify({ format: RUNS_FORMAT, version: RUNS_VERSION, runs }, null, 2)}\n`;
}

/** `examples/xor.json` → `examples/xor.runs.json`. */
export function runsPathFor(graphPath: string): string {
  return graphPath.replace(/(\.json)?$/i, '.runs.json');
}
