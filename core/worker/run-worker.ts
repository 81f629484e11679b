import type { ResourceLoader } from '../datasets/types';
import type { HelperSpawner } from '../engine/data-parallel';
import { parseGraphObject } from '../graph/io';
import { formatProblem, ProblemError } from '../graph/problem';
import {
  ENGINE_PROTOCOL_VERSION, EngineCommandEnvelope, transferablesOf,
  type EngineCommand, type EngineMessage, type RunOptions, type RunState,
} from '../protocol/engine';
import { answerPredict } from './predict-command';
import { hiddenStateOf } from '../session/hidden-state';
import { TrainingSession } from '../session/session';
import { attentionOf, confusionMatrix, regressionPairs } from '../session/validation-views';
import { featureMapsOf } from '../session/feature-maps';
import { exampleRows, traceExample, unitMap } from '../trace';
import { softmaxScores } from '../session/softmax-scores';
import { FrameBuilder } from './frame-builder';
import { imageExamples } from '../session/image-examples';
import { assignWeights, decodeWeightsFor, encodeWeights } from '../weights';

/** At most this many frames a second reach the UI. */
const FRAME_INTERVAL_MS = 33;
/** Training points sent once for the decision view. */
const MAX_POINTS = 1000;

export interface WorkerPort {
  post(envelope: { protocol: number; message: EngineMessage }, transfer: ArrayBuffer[]): void;
}

/**
 * The worker side of one run: validates commands, drives a TrainingSession, and streams coalesced
 * frames. The same class runs in a worker_thread (desktop) and a Web Worker (browser mode); only the
 * port and the resource loader differ.
 */
export class RunWorker {
  private session: TrainingSession | null = null;
  private runId = '';
  private frames = new FrameBuilder();
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private epochSinceViews = false;
  private batchesSeen = 0;
  private options: RunOptions = {};
  private examplesAt = 0;

  /** `parallel`: how this host starts a data-parallel helper worker (none: every run trains on this one). */
  constructor(
    private readonly port: WorkerPort, private readonly resources: (files: Record<string, string>) => ResourceLoader,
    private readonly parallel?: HelperSpawner,
  ) {}

  /** Entry point for every incoming message. Invalid ones are answered with a `fatal`, never thrown. */
  handle(raw: unknown): void {
    const parsed = EngineCommandEnvelope.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.send({ type: 'fatal', message: `invalid engine command at ${issue?.path.join('.') || 'message'}: ${issue?.message ?? 'unknown'}` });
      return;
    }
    void this.apply(parsed.data.command);
  }

  private async apply(cmd: EngineCommand): Promise<void> {
    if (cmd.type === 'start') return this.start(cmd.runId, cmd.graph, cmd.options);
    if (cmd.type === 'predict') {
      // Needs no run of its own; with `weights.from === 'run'` it reads this worker's run's current weights.
      const runWeights = (id: string) => {
        const s = this.session;
        if (!s || id !== this.runId) return null;
        return new Uint8Array(encodeWeights(s.plan, s.trainer.exec.params, {}));
      };
      this.send(await answerPredict(cmd, this.resources(cmd.files ?? {}), runWeights));
      return;
    }
    const s = this.session;
    if (!s || cmd.runId !== this.runId) {
      this.send({ type: 'fatal', runId: cmd.runId, message: `no run "${cmd.runId}" in this worker` });
      return;
    }
    switch (cmd.type) {
      case 'pause': s.pause(); break;
      case 'resume': void s.resume().then(() => this.flushSoon()); break;
      case 'step': s.step(cmd.batches); break;
      case 'stop': s.stop(); break;
      case 'speed': s.setSpeed(cmd.stepsPerSecond); break;
      case 'reset':
        s.reset();
        // A run started from a weights file (loaded, or an imported model's) resets to those weights,
        // not to the seed's: they are where this run began. They were checked when the run started.
        if (this.options.weights) assignWeights(s.trainer.exec.params, decodeWeightsFor(s.plan, this.options.weights));
        this.frames.setPosition(0, 0, 0);
        break;
      case 'weights': {
        const t = s.trainer;
        const bytes = encodeWeights(s.plan, t.exec.params, { step: String(t.step), epoch: String(t.epoch) });
        this.send({ type: 'weights', runId: this.runId, step: t.step, epoch: t.epoch, bytes: new Uint8Array(bytes) });
        return;
      }
      case 'inspect': {
        const hidden = hiddenStateOf(s.trainer.exec, s.data.validation, cmd.nodeId, cmd.example);
        if (hidden) {
          this.send({ type: 'hiddenState', runId: this.runId, nodeId: cmd.nodeId, example: cmd.example, ...hidden });
          return;
        }
        const att = attentionOf(s.trainer.exec, s.data.validation, cmd.nodeId, cmd.example);
        const maps = att ? null : featureMapsOf(s.trainer.exec, s.data.validation, cmd.nodeId, cmd.example);
        if (att) this.send({ type: 'inspect', runId: this.runId, nodeId: cmd.nodeId, example: cmd.example, ...att });
        else if (maps) this.send({ type: 'featureMaps', runId: this.runId, nodeId: cmd.nodeId, example: cmd.example, ...maps });
        else this.send({ type: 'fatal', runId: this.runId, message: `"${cmd.nodeId}" is not a SelfAttention, recurrent or image-shaped layer of this run, or example ${cmd.example} does not exist` });
        return;
      }
      case 'trace': {
        // Between slices the weights are those of the last finished batch; the trace changes none of them.
        const split = cmd.split === 'validation' ? s.data.validation : s.data.train;
        if (cmd.example >= split.count) {
          this.send({ type: 'fatal', runId: this.runId, message: `example ${cmd.example} does not exist: the ${cmd.split} split has ${split.count} rows` });
          return;
        }
        const t = traceExample(s.trainer.exec, split, cmd.example);
        this.send({
          type: 'trace', runId: this.runId, example: cmd.example, split: cmd.split, step: s.trainer.step,
          loss: Number.isFinite(t.loss) ? t.loss : null, input: t.input, target: t.target,
          nodes: t.nodes.map((n) => ({ ...n, shape: [...n.shape], params: Object.fromEntries(Object.entries(n.params).map(([k, p]) => [k, { ...p, shape: [...p.shape] }])) })),
        });
        return;
      }
      case 'traceRows': {
        const rows = exampleRows(s.data.train, s.plan.dataset.inputShape, cmd.count);
        this.send({ type: 'traceRows', runId: this.runId, ...rows });
        return;
      }
      case 'unitMap': {
        const m = unitMap(s.trainer.exec, s.data.train, cmd.nodeId, cmd.size);
        if (m) this.send({ type: 'unitMap', runId: this.runId, ...m });
        else this.send({ type: 'fatal', runId: this.runId, message: `no unit map for "${cmd.nodeId}": the data is not 2D, or the node is not part of this run` });
        return;
      }
    }
    this.flush();
  }

  private async start(runId: string, graphDoc: unknown, options: RunOptions): Promise<void> {
    this.runId = runId;
    this.options = options;
    const parsed = parseGraphObject(graphDoc);
    if (!parsed.ok) return this.failStart(parsed.problems.map(formatProblem), 'invalid-graph');
    try {
      this.session = await TrainingSession.create(parsed.graph, {
        resources: this.resources(options.files ?? {}),
        ...(options.epochs !== undefined ? { epochs: options.epochs } : {}),
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        gridSize: options.gridSize ?? 40,
        ...(options.stepsPerSecond !== undefined ? { stepsPerSecond: options.stepsPerSecond } : {}),
        statsEvery: 1,
        statsWithinEpoch: true,
        ...(this.parallel ? { parallel: this.parallel } : {}),
      });
    } catch (e) {
      if (e instanceof ProblemError) return this.failStart(e.problems.map(formatProblem), 'invalid-graph');
      return this.failStart([(e as Error).message], 'dataset');
    }
    this.session.on((e) => {
      this.frames.add(e);
      if (e.type === 'epoch') this.epochSinceViews = true;
      if (e.type === 'batch') this.crashHook();
      if (e.type === 'done' || e.type === 'error') this.flush();
      else this.flushSoon();
    });
    this.frames.extras.points = this.pointsOf();
    if (options.weights) {
      try {
        assignWeights(this.session.trainer.exec.params, decodeWeightsFor(this.session.plan, options.weights));
      } catch (e) {
        this.session = null;
        return this.failStart([`weights file: ${(e as Error).message}`], 'invalid-graph');
      }
    }
    if (options.startPaused) {
      // Paused at step 0, with one evaluation so the read-outs and views show these weights.
      this.session.step(0);
      this.session.announceEvaluation();
      this.flush();
      return;
    }
    const done = this.session.start();
    // After start(): the first frame already says `running`, which the host's watchdog relies on.
    this.flush();
    void done;
  }

  private failStart(problems: string[], code: 'invalid-graph' | 'dataset'): void {
    this.frames.add({ type: 'error', code, message: problems.join('\n'), problems });
    this.flush('error');
  }

  /** Test hooks that make this worker fail the ways real ones do, so hosts can prove they cope. */
  private crashHook(): void {
    const { crashAfterBatches, hangAfterBatches } = this.options;
    if (crashAfterBatches === undefined && hangAfterBatches === undefined) return;
    this.batchesSeen++;
    if (this.batchesSeen === crashAfterBatches) {
      // Thrown outside any handler, as a real bug would be, so the host sees the worker die.
      setTimeout(() => { throw new Error('test hook: the worker crashed on purpose'); }, 0);
    }
    if (this.batchesSeen === hangAfterBatches) {
      const spinUntil = Date.now() + 60_000;
      while (Date.now() < spinUntil) { /* a hung worker: the host's watchdog must end it */ }
    }
  }

  private pointsOf() {
    const s = this.session!;
    const train = s.data.train;
    if (s.plan.dataset.inputShape.length !== 1 || s.plan.dataset.inputShape[0] !== 2) return undefined;
    const n = Math.min(MAX_POINTS, train.count);
    const rawSize = s.plan.dataset.target.kind === 'regression' ? s.plan.dataset.target.size : 1;
    const labels = new Float32Array(n);
    for (let i = 0; i < n; i++) labels[i] = train.targets[i * rawSize]!;
    return { xy: train.inputs.slice(0, 2 * n), labels };
  }

  private flushSoon(): void {
    if (this.flushTimer !== null) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.flush();
    }, FRAME_INTERVAL_MS);
  }

  private flush(stateOverride?: RunState): void {
    if (this.flushTimer !== null) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    const s = this.session;
    if (s && this.epochSinceViews) this.addValidationViews();
    const state: RunState = stateOverride ?? (s ? s.state : 'error');
    const t = s?.trainer;
    const frame = this.frames.take(this.runId, state, t ? { step: t.step, epoch: t.epoch, batchInEpoch: t.batchInEpoch } : undefined);
    this.send(frame);
  }

  /** Confusion matrix or regression scatter on validation — at most once a frame, not once an epoch. */
  private addValidationViews(): void {
    const s = this.session!;
    this.epochSinceViews = false;
    if (s.data.validation.count === 0) return;
    if (s.plan.task === 'classification') {
      this.frames.extras.confusion = confusionMatrix(s.trainer.exec, s.data.validation);
      // A few hundred forward passes: twice a second is plenty for a picture grid (and keeps training fast).
      const now = Date.now();
      if (now - this.examplesAt >= 500 || s.state !== 'running') {
        this.examplesAt = now;
        const examples = imageExamples(s.trainer.exec, s.data.validation);
        if (examples) this.frames.extras.examples = examples;
      }
    }
    else this.frames.extras.predictions = regressionPairs(s.trainer.exec, s.data.validation);
    const scores = softmaxScores(s.trainer.exec, s.data.validation);
    if (scores) this.frames.extras.scores = scores;
  }

  private send(message: EngineMessage): void {
    this.port.post({ protocol: ENGINE_PROTOCOL_VERSION, message }, transferablesOf(message));
  }
}
