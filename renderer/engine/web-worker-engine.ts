import {
  ENGINE_PROTOCOL_VERSION, EngineMessageEnvelope, type EngineCommand, type EngineFrame, type EngineMessage, type RunOptions,
} from '../../core/protocol/engine';
import type { EngineBridge } from '../../core/protocol/host';
import { CommandGate, type RunCommand } from './command-gate';

/** The part of a Web Worker this engine uses, so tests can pass a fake. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(type: 'message' | 'messageerror' | 'error', listener: (e: Event) => void): void;
}

export interface WebWorkerEngineOptions {
  createWorker?: () => WorkerLike;
  /** Runs training at once; more would only make every run slower (and each holds its data). */
  maxRuns?: number;
}

interface Run {
  worker: WorkerLike;
  position: { step: number; epoch: number; batchInEpoch: number };
  ended: boolean;
  finished: boolean;
}

export interface WebWorkerEngine extends EngineBridge {
  activeRuns(): string[];
  dispose(): void;
}

function defaultWorker(): WorkerLike {
  return new Worker(new URL('./engine-worker.ts', import.meta.url), { type: 'module', name: 'netloom-run' });
}

/**
 * Browser-mode engine: one Web Worker per run, behind the same EngineBridge the Electron host offers.
 * Everything a worker sends is validated before it reaches the UI; a worker that throws ends only its
 * own run (with an error frame); stop terminates the worker at once and sends a final `stopped` frame.
 */
export function createWebWorkerEngine(options: WebWorkerEngineOptions = {}): WebWorkerEngine {
  const create = options.createWorker ?? defaultWorker;
  const maxRuns = options.maxRuns ?? 8;
  const runs = new Map<string, Run>();
  const listeners = new Set<(m: EngineMessage) => void>();
  const gate = new CommandGate();

  const emit = (m: EngineMessage) => {
    for (const l of listeners) l(m);
  };
  const post = (run: Run, command: EngineCommand) => run.worker.postMessage({ protocol: ENGINE_PROTOCOL_VERSION, command });

  function end(runId: string, run: Run, state: 'stopped' | 'error', message?: string): void {
    if (run.ended) return;
    run.ended = true;
    run.worker.terminate();
    if (runs.get(runId) === run) runs.delete(runId);
    gate.forget(runId);
    const frame = endFrame(runId, state, run.position);
    if (message !== undefined) frame.error = { type: 'error', code: state === 'stopped' ? 'stopped' : 'internal', message };
    emit(frame);
  }

  /** Frees the oldest finished run's worker (Map order is start order). */
  function evictFinished(): void {
    for (const [id, run] of runs) {
      if (!run.finished) continue;
      run.ended = true;
      run.worker.terminate();
      runs.delete(id);
      gate.forget(id);
      return;
    }
  }

  function receive(runId: string, run: Run, raw: unknown): void {
    if (run.ended) return;
    const parsed = EngineMessageEnvelope.safeParse(raw);
    if (!parsed.success) {
      end(runId, run, 'error', `the training worker sent an invalid message (${parsed.error.issues[0]?.message ?? 'unknown'})`);
      return;
    }
    const m = parsed.data.message;
    if (m.type === 'frame') {
      run.position = { step: m.step, epoch: m.epoch, batchInEpoch: m.batchInEpoch };
      for (const cmd of gate.opened(runId)) post(run, cmd);
    }
    emit(m);
    if (m.type === 'frame') {
      // A finished run's worker stays (attention can still be inspected, a reset can retrain it) until
      // room is needed for a new run; a failed one has nothing left to offer.
      run.finished = m.state === 'done';
      if (m.state === 'error') {
        run.ended = true;
        run.worker.terminate();
        runs.delete(runId);
        gate.forget(runId);
      }
    }
  }

  return {
    start(runId: string, graph: unknown, runOptions: RunOptions): void {
      const old = runs.get(runId);
      if (old) end(runId, old, 'stopped');
      if (runs.size >= maxRuns) evictFinished();
      if (runs.size >= maxRuns) {
        const frame = endFrame(runId, 'error', { step: 0, epoch: 0, batchInEpoch: 0 });
        frame.error = { type: 'error', code: 'internal', message: `at most ${maxRuns} runs can train at once; stop one first` };
        emit(frame);
        return;
      }
      let worker: WorkerLike;
      try {
        worker = create();
      } catch (e) {
        const frame = endFrame(runId, 'error', { step: 0, epoch: 0, batchInEpoch: 0 });
        frame.error = { type: 'error', code: 'internal', message: `could not start a training worker: ${(e as Error).message}` };
        emit(frame);
        return;
      }
      const run: Run = { worker, position: { step: 0, epoch: 0, batchInEpoch: 0 }, ended: false, finished: false };
      runs.set(runId, run);
      gate.started(runId);
      worker.addEventListener('message', (e) => receive(runId, run, (e as MessageEvent).data));
      worker.addEventListener('messageerror', () => end(runId, run, 'error', 'a message from the training worker could not be read'));
      worker.addEventListener('error', (e) => {
        // Handled here: the run ends with a readable error instead of an uncaught one in the console.
        e.preventDefault();
        const msg = (e as ErrorEvent).message || 'the worker script failed to load';
        end(runId, run, 'error', `the training worker crashed: ${msg}`);
      });
      post(run, { type: 'start', runId, graph, options: runOptions });
    },

    command(cmd: RunCommand): void {
      const run = runs.get(cmd.runId);
      if (!run) {
        emit({ type: 'fatal', runId: cmd.runId, message: `no run "${cmd.runId}"` });
        return;
      }
      if (cmd.type === 'stop') return end(cmd.runId, run, 'stopped');
      if (gate.pass(cmd)) post(run, cmd);
    },

    onMessage(listener: (m: EngineMessage) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    activeRuns: () => [...runs.keys()],

    dispose(): void {
      for (const [id, run] of [...runs]) end(id, run, 'stopped');
    },
  };
}

function endFrame(runId: string, state: 'stopped' | 'error', position: Run['position']): EngineFrame {
  return {
    type: 'frame', runId, state, ...position, batchLosses: new Float32Array(0),
    batchStride: 1, firstBatchStep: 0, epochs: [], done: false,
  };
}
