import {
  ENGINE_PROTOCOL_VERSION, EngineMessageEnvelope, type EngineCommand, type EngineFrame, type EngineMessage, type RunOptions,
} from '../../core/protocol/engine';
import type { EngineBridge } from '../../core/protocol/host';
import type { PredictAnswer, PredictCommand } from '../../core/protocol/predict';
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
  /**
   * A running run that sends nothing for this long is ended as hung (a worker the browser killed,
   * e.g. out of memory, sends no error at all). Starting (loading MNIST) may take longer.
   */
  hangTimeoutMs?: number;
  startTimeoutMs?: number;
}

interface Run {
  worker: WorkerLike;
  position: { step: number; epoch: number; batchInEpoch: number };
  ended: boolean;
  finished: boolean;
  /** Last frame state, and when the worker was last heard from (for the hang watchdog). */
  state: string;
  lastHeard: number;
}

/** Words the browser uses when a worker runs out of memory; the user gets advice instead. */
const OUT_OF_MEMORY = /out of memory|allocation failed|invalid array length|memory access out of bounds/i;
export const OUT_OF_MEMORY_ADVICE = 'the run ran out of memory; try a smaller batch size, fewer units or fewer samples';

export interface WebWorkerEngine extends EngineBridge {
  predict(command: PredictCommand): Promise<PredictAnswer>;
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
  /** Predict commands sent to a run's worker, by request id, until their answer arrives. */
  const pendingPredicts = new Map<string, (a: PredictAnswer) => void>();
  const hangMs = options.hangTimeoutMs ?? 15_000;
  const startMs = options.startTimeoutMs ?? 120_000;
  let watchdog: ReturnType<typeof setInterval> | null = null;

  /** Runs only while some run is starting or running. */
  function updateWatchdog(): void {
    const busy = [...runs.values()].some((r) => !r.ended && (r.state === 'starting' || r.state === 'running'));
    if (!busy) {
      if (watchdog) clearInterval(watchdog);
      watchdog = null;
      return;
    }
    if (watchdog) return;
    const every = Math.min(1000, hangMs / 2);
    let lastTick = Date.now();
    watchdog = setInterval(() => {
      const now = Date.now();
      // A tick far too late means this page itself was asleep (a frozen background tab, a suspended
      // laptop): the workers were too, so silence proves nothing. Start counting again.
      const slept = now - lastTick > 3 * every + 1000;
      lastTick = now;
      if (slept) for (const run of runs.values()) run.lastHeard = now;
      for (const [id, run] of [...runs]) {
        const limit = run.state === 'starting' ? startMs : run.state === 'running' ? hangMs : Infinity;
        if (now - run.lastHeard > limit) end(id, run, 'error', `the training worker stopped responding for ${Math.round(limit / 1000)} s and was ended (the browser may have stopped it, e.g. when memory ran out)`);
      }
      updateWatchdog();
    }, every);
  }

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
    updateWatchdog();
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
    run.lastHeard = Date.now();
    const parsed = EngineMessageEnvelope.safeParse(raw);
    if (!parsed.success) {
      end(runId, run, 'error', `the training worker sent an invalid message (${parsed.error.issues[0]?.message ?? 'unknown'})`);
      return;
    }
    const m = parsed.data.message;
    if (m.type === 'prediction' || m.type === 'predictError') {
      // The answer to a predict sent to this run's worker: for its caller only, not a run event.
      pendingPredicts.get(m.requestId)?.(m);
      pendingPredicts.delete(m.requestId);
      return;
    }
    if (m.type === 'frame') {
      run.state = m.state;
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
      updateWatchdog();
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
      const run: Run = { worker, position: { step: 0, epoch: 0, batchInEpoch: 0 }, ended: false, finished: false, state: 'starting', lastHeard: Date.now() };
      runs.set(runId, run);
      gate.started(runId);
      worker.addEventListener('message', (e) => receive(runId, run, (e as MessageEvent).data));
      worker.addEventListener('messageerror', () => end(runId, run, 'error', 'a message from the training worker could not be read'));
      worker.addEventListener('error', (e) => {
        // Handled here: the run ends with a readable error instead of an uncaught one in the console.
        e.preventDefault();
        const msg = (e as ErrorEvent).message || 'the worker script failed to load';
        end(runId, run, 'error', OUT_OF_MEMORY.test(msg) ? OUT_OF_MEMORY_ADVICE : `the training worker crashed: ${msg}`);
      });
      post(run, { type: 'start', runId, graph, options: runOptions });
      updateWatchdog();
    },

    command(cmd: RunCommand): void {
      const run = runs.get(cmd.runId);
      if (!run) {
        emit({ type: 'fatal', runId: cmd.runId, message: `no run "${cmd.runId}"` });
        return;
      }
      if (cmd.type === 'stop') return end(cmd.runId, run, 'stopped');
      if (gate.pass(cmd)) post(run, cmd);
      // A paused run is not watched; from the moment it is asked to train again, it is.
      if (cmd.type === 'resume' || cmd.type === 'step' || cmd.type === 'reset') {
        run.state = 'running';
        run.lastHeard = Date.now();
        updateWatchdog();
      }
    },

    onMessage(listener: (m: EngineMessage) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    predict(cmd: PredictCommand): Promise<PredictAnswer> {
      const refuse = (field: string, message: string): PredictAnswer => ({ type: 'predictError', requestId: cmd.requestId, field, message });
      if (cmd.weights.from === 'run') {
        const run = runs.get(cmd.weights.runId);
        if (!run || run.ended) return Promise.resolve(refuse('weights.runId', `no run "${cmd.weights.runId}" to take weights from`));
        return new Promise((resolve) => {
          pendingPredicts.set(cmd.requestId, resolve);
          run.worker.postMessage({ protocol: ENGINE_PROTOCOL_VERSION, command: cmd });
        });
      }
      return predictInOwnWorker(create, cmd, refuse, startMs);
    },

    activeRuns: () => [...runs.keys()],

    dispose(): void {
      for (const [id, run] of [...runs]) end(id, run, 'stopped');
      updateWatchdog();
    },
  };
}

function endFrame(runId: string, state: 'stopped' | 'error', position: Run['position']): EngineFrame {
  return {
    type: 'frame', runId, state, ...position, batchLosses: new Float32Array(0),
    batchStride: 1, firstBatchStep: 0, epochs: [], done: false,
  };
}

/** A short-lived worker for one prediction: the page's thread only sends the command and reads the answer. */
function predictInOwnWorker(
  create: () => WorkerLike, cmd: PredictCommand, refuse: (field: string, message: string) => PredictAnswer, limitMs: number,
): Promise<PredictAnswer> {
  return new Promise((resolve) => {
    let worker: WorkerLike;
    try {
      worker = create();
    } catch (e) {
      resolve(refuse('predict', `could not start an engine worker: ${(e as Error).message}`));
      return;
    }
    let settled = false;
    // A worker that never answers (hung, or loading data forever) must not leave the dialog waiting.
    const timer = setTimeout(() => settle(refuse('predict', `the engine worker did not answer within ${Math.round(limitMs / 1000)} s and was ended`)), limitMs);
    const settle = (a: PredictAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.terminate();
      resolve(a);
    };
    worker.addEventListener('message', (e) => {
      const parsed = EngineMessageEnvelope.safeParse((e as MessageEvent).data);
      if (!parsed.success) return settle(refuse('predict', `the engine worker sent an invalid message (${parsed.error.issues[0]?.message ?? 'unknown'})`));
      const m = parsed.data.message;
      if ((m.type === 'prediction' || m.type === 'predictError') && m.requestId === cmd.requestId) settle(m);
      else if (m.type === 'fatal') settle(refuse('predict', m.message));
    });
    worker.addEventListener('messageerror', () => settle(refuse('predict', 'a message from the engine worker could not be read')));
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      const msg = (e as ErrorEvent).message || 'the worker script failed to load';
      settle(refuse('predict', OUT_OF_MEMORY.test(msg) ? OUT_OF_MEMORY_ADVICE.replace('the run', 'the prediction') : `the engine worker crashed: ${msg}`));
    });
    worker.postMessage({ protocol: ENGINE_PROTOCOL_VERSION, command: cmd });
  });
}
