import { Worker, type ResourceLimits } from 'node:worker_threads';
import {
  ENGINE_PROTOCOL_VERSION, EngineMessageEnvelope, type EngineCommand, type EngineMessage, type RunOptions,
} from '../../core/protocol/engine';
import type { PredictAnswer, PredictCommand } from '../../core/protocol/predict';

export interface EngineHostOptions {
  /** The compiled worker script (a .js file in the app; the .ts entry with tsx in tests). */
  workerUrl: URL;
  execArgv?: string[];
  /** Per-run heap limits: a run that outgrows them ends with an error instead of taking the app down. */
  resourceLimits?: ResourceLimits;
  /** A running run that sends nothing for this long is considered hung and terminated. */
  hangTimeoutMs?: number;
  /** The same while it starts: loading the MNIST digits can take a while on a slow machine. */
  startTimeoutMs?: number;
  /** Where the MNIST digit files are (the packaged app's resources); default: the `mnist` package. */
  mnistDir?: string;
}

/** What a run's worker needs from its host besides the start command; sent as `workerData`. */
export interface RunContext {
  /** Folder that relative CSV paths resolve against: the graph file's folder, like the CLI. */
  baseDir?: string;
}

/** The `workerData` each engine worker receives (see worker-entry.ts). */
export interface EngineWorkerData {
  baseDir?: string;
  mnistDir?: string;
}

interface Run {
  worker: Worker;
  state: string;
  /** Where the run was at its last frame, so a final frame after stop/crash keeps the position. */
  position: { step: number; epoch: number; batchInEpoch: number };
  lastHeard: number;
  ended: boolean;
}

/**
 * Owns one worker thread per run. A worker that throws, runs out of memory or hangs ends only its own
 * run with an error frame; stop terminates the thread at once. Everything a worker sends is validated
 * before it is passed on.
 */
export class EngineHost {
  private runs = new Map<string, Run>();
  private listeners = new Set<(m: EngineMessage) => void>();
  private watchdog: ReturnType<typeof setInterval> | null = null;
  /** Predict commands sent to a run's worker, by request id, until their answer arrives. */
  private pendingPredicts = new Map<string, (a: PredictAnswer) => void>();

  constructor(private readonly options: EngineHostOptions) {}

  onMessage(listener: (m: EngineMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(runId: string, graph: unknown, runOptions: RunOptions = {}, context: RunContext = {}): void {
    if (this.runs.has(runId)) this.stop(runId);
    const worker = new Worker(this.options.workerUrl, {
      workerData: this.workerDataFor(context),
      execArgv: this.options.execArgv ?? [],
      resourceLimits: this.options.resourceLimits ?? { maxOldGenerationSizeMb: 1024 },
    });
    const run: Run = { worker, state: 'starting', position: { step: 0, epoch: 0, batchInEpoch: 0 }, lastHeard: Date.now(), ended: false };
    this.runs.set(runId, run);
    worker.on('message', (raw: unknown) => this.receive(runId, run, raw));
    worker.on('error', (e: Error) => {
      const oom = (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.endWithError(runId, run, oom
        ? 'the run ran out of memory; try a smaller batch size, fewer units or fewer samples'
        : `the training worker crashed: ${e.message}`);
    });
    worker.on('exit', (code) => {
      if (!run.ended && code !== 0) this.endWithError(runId, run, `the training worker exited unexpectedly (code ${code})`);
      if (this.runs.get(runId) === run) this.runs.delete(runId);
      this.updateWatchdog();
    });
    this.post(run, { type: 'start', runId, graph, options: runOptions });
    this.updateWatchdog();
  }

  command(cmd: Exclude<EngineCommand, { type: 'start' | 'predict' }>): void {
    const run = this.runs.get(cmd.runId);
    if (!run) {
      this.emit({ type: 'fatal', runId: cmd.runId, message: `no run "${cmd.runId}"` });
      return;
    }
    if (cmd.type === 'stop') return this.stop(cmd.runId);
    this.post(run, cmd);
  }

  /**
   * One prediction in a worker thread: the run's own when the weights are a run's (its current weights),
   * else a short-lived worker that ends with the answer. Never rejects: failures are `predictError`s.
   */
  predict(cmd: PredictCommand, context: RunContext = {}): Promise<PredictAnswer> {
    const refuse = (field: string, message: string): PredictAnswer => ({ type: 'predictError', requestId: cmd.requestId, field, message });
    if (cmd.weights.from === 'run') {
      const run = this.runs.get(cmd.weights.runId);
      if (!run || run.ended) return Promise.resolve(refuse('weights.runId', `no run "${cmd.weights.runId}" to take weights from`));
      return new Promise((resolve) => {
        this.pendingPredicts.set(cmd.requestId, resolve);
        this.post(run, cmd);
      });
    }
    return new Promise((resolve) => {
      const worker = new Worker(this.options.workerUrl, {
        workerData: this.workerDataFor(context),
        execArgv: this.options.execArgv ?? [],
        resourceLimits: this.options.resourceLimits ?? { maxOldGenerationSizeMb: 1024 },
      });
      let settled = false;
      // A worker that never answers (hung, or loading data forever) must not leave the dialog waiting.
      const limit = this.options.startTimeoutMs ?? 120_000;
      const timer = setTimeout(() => settle(refuse('predict', `the engine worker did not answer within ${Math.round(limit / 1000)} s and was ended`)), limit);
      timer.unref?.();
      const settle = (a: PredictAnswer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        resolve(a);
      };
      worker.on('message', (raw: unknown) => {
        const parsed = EngineMessageEnvelope.safeParse(raw);
        if (!parsed.success) return settle(refuse('predict', `the engine worker sent an invalid message (${parsed.error.issues[0]?.message ?? 'unknown'})`));
        const m = parsed.data.message;
        if ((m.type === 'prediction' || m.type === 'predictError') && m.requestId === cmd.requestId) settle(m);
        else if (m.type === 'fatal') settle(refuse('predict', m.message));
      });
      worker.on('error', (e: Error) => settle(refuse('predict', (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? 'the prediction ran out of memory; try fewer rows' : `the engine worker crashed: ${e.message}`)));
      worker.on('exit', (code) => settle(refuse('predict', `the engine worker exited before answering (code ${code})`)));
      this.post({ worker }, cmd);
    });
  }

  /** Terminate at once; the UI gets a final `stopped` frame. */
  stop(runId: string): void {
    const run = this.runs.get(runId);
    if (!run) return;
    run.ended = true;
    this.runs.delete(runId);
    void run.worker.terminate();
    this.emit(endFrame(runId, 'stopped', run.position));
    this.updateWatchdog();
  }

  async dispose(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    const all = [...this.runs.values()];
    this.runs.clear();
    await Promise.all(all.map((r) => r.worker.terminate()));
  }

  activeRuns(): string[] {
    return [...this.runs.keys()];
  }

  private workerDataFor(context: RunContext): EngineWorkerData {
    return {
      ...(context.baseDir !== undefined ? { baseDir: context.baseDir } : {}),
      ...(this.options.mnistDir !== undefined ? { mnistDir: this.options.mnistDir } : {}),
    };
  }

  private post(run: Pick<Run, 'worker'>, command: EngineCommand): void {
    run.worker.postMessage({ protocol: ENGINE_PROTOCOL_VERSION, command });
  }

  private receive(runId: string, run: Run, raw: unknown): void {
    run.lastHeard = Date.now();
    const parsed = EngineMessageEnvelope.safeParse(raw);
    if (!parsed.success) {
      this.endWithError(runId, run, `the training worker sent an invalid message (${parsed.error.issues[0]?.message ?? 'unknown'})`);
      return;
    }
    const m = parsed.data.message;
    if (m.type === 'prediction' || m.type === 'predictError') {
      // The answer to a predict sent to this run's worker: for its caller only, not a run event.
      this.pendingPredicts.get(m.requestId)?.(m);
      this.pendingPredicts.delete(m.requestId);
      return;
    }
    if (m.type === 'frame') {
      run.state = m.state;
      run.position = { step: m.step, epoch: m.epoch, batchInEpoch: m.batchInEpoch };
      if (m.state === 'done' || m.state === 'error' || m.state === 'stopped') run.ended = true;
    }
    this.emit(m);
  }

  private endWithError(runId: string, run: Run, message: string): void {
    if (run.ended) return;
    run.ended = true;
    if (this.runs.get(runId) === run) this.runs.delete(runId);
    void run.worker.terminate();
    const frame = endFrame(runId, 'error', run.position);
    frame.error = { type: 'error', code: 'internal', message };
    this.emit(frame);
    this.updateWatchdog();
  }

  private updateWatchdog(): void {
    const timeout = this.options.hangTimeoutMs ?? 15_000;
    if (this.runs.size === 0) {
      if (this.watchdog) clearInterval(this.watchdog);
      this.watchdog = null;
      return;
    }
    if (this.watchdog) return;
    const every = Math.min(1000, timeout / 2);
    let lastTick = Date.now();
    this.watchdog = setInterval(() => {
      const now = Date.now();
      // A tick far too late means the whole machine slept (a closed laptop lid): the workers did too.
      const slept = now - lastTick > 3 * every + 1000;
      lastTick = now;
      if (slept) for (const run of this.runs.values()) run.lastHeard = now;
      for (const [id, run] of this.runs) {
        const limit = run.state === 'starting' ? Math.max(timeout, this.options.startTimeoutMs ?? 120_000) : run.state === 'running' ? timeout : Infinity;
        if (now - run.lastHeard > limit) this.endWithError(id, run, `the run stopped responding for ${Math.round(limit / 1000)} s and was ended`);
      }
    }, every);
    this.watchdog.unref?.();
  }

  private emit(m: EngineMessage): void {
    for (const l of this.listeners) l(m);
  }
}

function endFrame(runId: string, state: 'stopped' | 'error', position: Run['position']): Extract<EngineMessage, { type: 'frame' }> {
  return {
    type: 'frame', runId, state, ...position, batchLosses: new Float32Array(0),
    batchStride: 1, firstBatchStep: 0, epochs: [], done: false,
  };
}
