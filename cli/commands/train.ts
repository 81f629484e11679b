import { readFile, writeFile } from 'node:fs/promises';
import { ProblemError } from '../../core/graph/problem';
import type { LrSchedule } from '../../core/graph/schema';
import type { SessionEvent } from '../../core/protocol/events';
import { TrainingSession } from '../../core/session/session';
import { assignWeights, decodeWeightsFor, encodeWeights } from '../../core/weights';
import { createNodeResources } from '../resources';
import { CliError, loadGraphFile, problemLines, type Output } from '../io';
import { spawnNodeHelper } from '../parallel-helper';

export interface TrainFlags {
  epochs?: number;
  seed?: number;
  jsonl: boolean;
  /** Start from these weights (a NetLoom safetensors file) instead of the seed's initial ones. */
  loadWeights?: string;
  /** Write the final weights here after training. */
  saveWeights?: string;
  /** Replace the graph's training.schedule (--schedule). */
  schedule?: LrSchedule;
}

/**
 * `netloom train g.json`: runs the session to the end. With --jsonl every event is one JSON line on
 * stdout (no timestamps, so the same seed gives byte-identical output); otherwise a progress bar on a
 * TTY and a summary line.
 */
export async function trainCommand(file: string, flags: TrainFlags, io: Output): Promise<number> {
  const loaded = await loadGraphFile(file);
  const { baseDir } = loaded;
  const graph = flags.schedule ? { ...loaded.graph, training: { ...loaded.graph.training, schedule: flags.schedule } } : loaded.graph;
  let session: TrainingSession;
  try {
    session = await TrainingSession.create(graph, {
      resources: createNodeResources(baseDir),
      ...(flags.epochs !== undefined ? { epochs: flags.epochs } : {}),
      ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
      batchEvents: flags.jsonl,
      gridSize: flags.jsonl ? 40 : 0,
      statsEvery: flags.jsonl ? 1 : 0,
      // The CLI has nothing else to do between slices: yield rarely.
      sliceMs: 200,
      // Large enough runs train on both cores (unless training.dataParallel is false).
      parallel: spawnNodeHelper,
    });
  } catch (e) {
    if (e instanceof ProblemError) throw new CliError(problemLines(e.problems));
    throw new CliError(`training.dataset: ${(e as Error).message}`);
  }
  if (flags.loadWeights) await loadWeightsInto(session, flags.loadWeights);
  let failed: SessionEvent | null = null;
  const total = session.startEvent().epochs;
  session.on((e) => {
    if (flags.jsonl) io.out(`${JSON.stringify(e)}\n`);
    if (e.type === 'error') failed = e;
    else if (e.type === 'epoch' && !flags.jsonl && io.isTTY) io.err(`\r${progressLine(e.epoch, total, e.train.loss, e.train.accuracy)}`);
    else if (e.type === 'done' && !flags.jsonl) {
      if (io.isTTY) io.err('\n');
      const m = (x: { loss: number; accuracy?: number; mre?: number }) =>
        `loss ${x.loss.toFixed(4)}${x.accuracy !== undefined ? ` accuracy ${x.accuracy.toFixed(4)}` : ''}${x.mre !== undefined ? ` mre ${x.mre.toFixed(4)}` : ''}`;
      io.out(`epoch ${e.epoch}: train ${m(e.train)}; validation ${m(e.validation)}${e.extrapolation ? `; extrapolation ${m(e.extrapolation)}` : ''}\n`);
    }
  });
  try {
    await session.start();
  } finally {
    session.trainer.stopDataParallel();
  }
  if (failed) {
    const f = failed as Extract<SessionEvent, { type: 'error' }>;
    if (!flags.jsonl) io.err(`${f.message}${f.suggestion ? `\nsuggestion: ${f.suggestion}` : ''}\n`);
    return 2;
  }
  if (flags.saveWeights) await saveWeightsOf(session, flags.saveWeights);
  return 0;
}

async function loadWeightsInto(session: TrainingSession, path: string): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new CliError(`--load-weights ${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    assignWeights(session.trainer.exec.params, decodeWeightsFor(session.plan, bytes));
  } catch (e) {
    throw new CliError(`--load-weights ${path}: ${(e as Error).message}`);
  }
}

async function saveWeightsOf(session: TrainingSession, path: string): Promise<void> {
  const bytes = encodeWeights(session.plan, session.trainer.exec.params, { epochs: String(session.trainer.epoch) });
  try {
    await writeFile(path, bytes);
  } catch (e) {
    throw new CliError(`--save-weights ${path}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

function progressLine(epoch: number, total: number, loss: number, acc: number | undefined): string {
  const width = 24;
  const filled = Math.round((epoch / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] epoch ${epoch}/${total} loss ${loss.toFixed(4)}${acc !== undefined ? ` acc ${acc.toFixed(3)}` : ''}`;
}
