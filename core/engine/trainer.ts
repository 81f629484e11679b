import type { Plan } from '../compiler/plan';
import type { DataSplit, LoadedDataset } from '../datasets/types';
import type { TrainingConfig } from '../graph/schema';
import { deriveSeed, mulberry32, shuffleInPlace, type Rng } from '../util/rng';
import type { Buf, DType } from '../util/tensor';
import { arenaFloats } from './arena';
import { fillBatch, predictedClass, rowViews } from './batch';
import { DataParallel, LEAD_STATE_TENSORS, paysToSplit, splittable, type HelperSpawner } from './data-parallel';
import { Executor } from './executor';
import { scheduledLr } from './lr-schedule';
import { createOptimizer, type Optimizer } from './optimizers';
import { regularizeAndClip } from './regularize';

export interface SplitMetrics {
  loss: number;
  accuracy?: number;
  /** Mean relative error |pred − y| / |y|, for regression. */
  mre?: number;
}

/** The loss went non-finite: which step, and whether the parameters or the data are to blame. */
export class DivergenceError extends Error {
  constructor(message: string, readonly suggestion: string, readonly nodeId?: string) {
    super(message);
    this.name = 'DivergenceError';
  }
}

/**
 * Runs minibatch training over a compiled plan. Synchronous and deterministic: the same plan, data,
 * config and seed give bit-identical losses. Sessions and the bench drive it.
 */
export class Trainer {
  readonly exec: Executor;
  readonly optimizer: Optimizer;
  epoch = 0;
  /** Batches done in the current epoch. */
  batchInEpoch = 0;
  step = 0;
  readonly batchesPerEpoch: number;
  /**
   * Layer statistics are also taken inside an epoch, after every this many batches (0: only after an
   * epoch's last batch). On two workers those batches keep the whole batch's gradients, as the last does.
   */
  statsStride = 0;
  private readonly order: Int32Array;
  private readonly steppedParams: Buf[];
  private readonly steppedGrads: Buf[];
  private shuffleRng!: Rng;
  private dropoutStream!: Rng;
  private epochLossSum = 0;
  private epochSeen = 0;
  private epochCorrect = 0;
  private parallel: DataParallel | null = null;
  /** The optimizer's own copy of its settings: every optimizer reads `lr` at each step, and the trainer sets the scheduled rate here first. */
  private readonly optimizerSettings: TrainingConfig['optimizer'];
  /** Row views of the training inputs (fillBatch copies with them), remade if the split's data is replaced. */
  private rowsOf: Float32Array | null = null;
  private rows: Float32Array[] | null = null;

  constructor(
    readonly plan: Plan, readonly data: LoadedDataset, readonly config: TrainingConfig, dtype: DType = 'f32',
  ) {
    const dropoutRng: Rng = { next: () => this.dropoutStream.next(), normal: () => this.dropoutStream.normal(), int: (n) => this.dropoutStream.int(n), state: () => this.dropoutStream.state() };
    // Optimizer moments live next to the parameters (in the wasm arena when there is one): at most two per parameter.
    // A run that may go data-parallel keeps room for its share of the update too (DataParallel).
    const moments = config.dataParallel !== false && splittable(plan) ? 2 + LEAD_STATE_TENSORS : 2;
    this.exec = new Executor(plan, { dtype, rng: dropoutRng, stateFloats: moments * arenaFloats(plan.params.map((p) => p.size)) });
    // State tensors (BatchNorm's running statistics) are updated by their kernel, never by the optimizer.
    const stepped = plan.params.flatMap((p, i) => (p.trainable === false ? [] : [i]));
    this.steppedParams = stepped.map((i) => this.exec.params[i]!);
    this.steppedGrads = stepped.map((i) => this.exec.paramGrads[i]!);
    this.optimizerSettings = { ...config.optimizer };
    this.optimizer = createOptimizer(this.optimizerSettings, stepped.map((i) => plan.params[i]!.size), this.exec.allocState);
    this.order = new Int32Array(data.train.count);
    this.batchesPerEpoch = Math.ceil(data.train.count / plan.batchSize);
    this.reset();
  }

  /** Back to epoch 0 with the initial weights of this seed. */
  reset(): void {
    const seed = this.config.seed;
    this.exec.initParams(mulberry32(deriveSeed(seed, 'weights')));
    this.shuffleRng = mulberry32(deriveSeed(seed, 'shuffle'));
    this.dropoutStream = mulberry32(deriveSeed(seed, 'dropout'));
    this.optimizer.reset();
    this.epoch = 0;
    this.batchInEpoch = 0;
    this.step = 0;
    this.startEpoch();
  }

  private startEpoch(): void {
    for (let i = 0; i < this.order.length; i++) this.order[i] = i;
    if (this.config.shuffle !== false) shuffleInPlace(this.order, this.shuffleRng);
    this.epochLossSum = 0;
    this.epochSeen = 0;
    this.epochCorrect = 0;
  }

  /** Workers training each batch: 1, or 2 while data-parallel (startDataParallel). */
  get workers(): number {
    return this.parallel ? 2 : 1;
  }

  /**
   * Train data-parallel from now on, with a helper worker from `spawn`, when the run allows it
   * (training.dataParallel is not false, the wasm kernels run, SharedArrayBuffer exists) and it pays
   * (paysToSplit) — or, with `force` (`netloom bench --workers 2`), whenever the plan's rows are
   * independent. Call before the first step: a run's worker count must not change midway, or reruns would
   * differ. Resolves to the worker count.
   */
  async startDataParallel(spawn: HelperSpawner, force = false): Promise<number> {
    if (this.parallel || this.step > 0) return this.workers;
    const allowed = this.config.dataParallel !== false && typeof SharedArrayBuffer === 'function' && this.exec.kernelFlavor !== null;
    if (!allowed || !(force ? splittable(this.plan) : paysToSplit(this.plan))) return 1;
    const helper = spawn({ plan: this.plan, sab: DataParallel.sharedBuffer(this.plan), kernels: this.exec.kernelFlavor, training: this.config });
    try {
      await helper.ready;
    } catch {
      helper.terminate();
      return 1;
    }
    this.parallel = new DataParallel(this.exec, helper, this.config, this.exec.allocState);
    return 2;
  }

  /** Ends the helper worker, if any (the run continues on one worker only after a reset). */
  stopDataParallel(): void {
    this.parallel?.stop();
    this.parallel = null;
  }

  /** Train one minibatch; returns its loss. Throws DivergenceError on a non-finite loss. */
  trainBatch(): number {
    const { exec, plan } = this;
    const start = this.batchInEpoch * plan.batchSize;
    const n = Math.min(plan.batchSize, this.data.train.count - start);
    const dp = this.parallel;
    const split = this.data.train;
    if (this.rowsOf !== split.inputs || (this.rows && this.rows.length !== split.count)) {
      this.rows = rowViews(plan, split);
      this.rowsOf = split.inputs;
    }
    let loss: number;
    let prediction = exec.prediction;
    if (dp) {
      dp.fill(split, this.order, start, n, exec, this.rows);
      // Both workers update their half of the weights inside the step. The weights are new on step 0
      // (start, reset, loaded); the session reads the gradients after an epoch's last batch and after
      // statsStride's batches (layer stats).
      const statsNext = this.batchInEpoch + 1 >= this.batchesPerEpoch || (this.statsStride > 0 && (this.batchInEpoch + 1) % this.statsStride === 0);
      loss = dp.step(exec, n, this.step === 0, statsNext, this.learningRate());
      if (!Number.isFinite(loss)) throw this.divergence(loss);
      prediction = dp.batchPrediction;
    } else {
      fillBatch(plan, split, this.order, start, n, exec.input, exec.target, this.rows);
      exec.forward(n, true);
      loss = exec.loss;
      if (!Number.isFinite(loss)) throw this.divergence(loss);
      exec.backward(n);
      regularizeAndClip(plan.params, exec.params, exec.paramGrads, this.config);
      this.optimizerSettings.lr = this.learningRate();
      this.optimizer.step(this.steppedParams, this.steppedGrads);
    }
    this.epochLossSum += loss * n;
    this.epochSeen += n;
    if (plan.task === 'classification') {
      for (let i = 0; i < n; i++) if (predictedClass(plan, prediction, i) === this.trueClass(this.data.train, this.order[start + i]!)) this.epochCorrect++;
    }
    this.step++;
    this.batchInEpoch++;
    return loss;
  }

  /** The learning rate the next step uses (training.schedule over training.epochs; constant without one). */
  learningRate(): number {
    const { schedule, optimizer, epochs } = this.config;
    return scheduledLr(schedule, optimizer.lr, this.step, { stepsPerEpoch: this.batchesPerEpoch, totalSteps: epochs * this.batchesPerEpoch });
  }

  /** True when the batch just trained is one of statsStride's inside the epoch (not its last batch). */
  statsDueWithinEpoch(): boolean {
    return this.statsStride > 0 && this.batchInEpoch < this.batchesPerEpoch && this.batchInEpoch % this.statsStride === 0;
  }

  /** True when the batch just trained closed an epoch; advances to the next one. */
  endOfEpoch(): boolean {
    if (this.batchInEpoch < this.batchesPerEpoch) return false;
    this.epoch++;
    this.batchInEpoch = 0;
    this.startEpoch();
    return true;
  }

  /** Running metrics of the epoch in progress (the minibatch losses and hits as they were trained). */
  runningMetrics(): SplitMetrics {
    const loss = this.epochSeen ? this.epochLossSum / this.epochSeen : NaN;
    return this.plan.task === 'classification' ? { loss, accuracy: this.epochSeen ? this.epochCorrect / this.epochSeen : 0 } : { loss };
  }

  /** Loss and accuracy (or mre) of the current weights on a whole split, in eval mode. */
  evaluate(split: DataSplit): SplitMetrics {
    const { exec, plan } = this;
    const B = plan.batchSize;
    let lossSum = 0, correct = 0, relErr = 0;
    for (let start = 0; start < split.count; start += B) {
      const n = Math.min(B, split.count - start);
      fillBatch(plan, split, null, start, n, exec.input, exec.target);
      exec.forward(n, false);
      lossSum += exec.loss * n;
      if (plan.task === 'classification') {
        for (let i = 0; i < n; i++) if (predictedClass(plan, exec.prediction, i) === this.trueClass(split, start + i)) correct++;
      } else {
        const size = plan.target.size;
        for (let i = 0; i < n * size; i++) {
          const y = exec.target[i]!;
          relErr += Math.abs(exec.prediction[i]! - y) / Math.max(Math.abs(y), 1e-8);
        }
      }
    }
    const count = Math.max(split.count, 1);
    const loss = lossSum / count;
    return plan.task === 'classification' ? { loss, accuracy: correct / count } : { loss, mre: relErr / (count * plan.target.size) };
  }

  /**
   * Throw DivergenceError when a weight is no longer finite. The loss check in trainBatch catches this
   * one batch later; the session also asks at the end of each epoch, so the last batch of a run cannot
   * leave garbage weights behind unnoticed.
   */
  assertFiniteWeights(): void {
    const { exec, plan } = this;
    const bad = exec.params.findIndex((p) => p.some((v) => !Number.isFinite(v)));
    if (bad < 0) return;
    const p = plan.params[bad]!;
    throw new DivergenceError(
      `training diverged after step ${this.step} (epoch ${this.epoch}): the weights ${p.name} of "${p.node}" are no longer finite`,
      `lower the learning rate (now ${this.config.optimizer.lr}) or set training.clipNorm (e.g. 1)`,
      p.node,
    );
  }

  private trueClass(split: DataSplit, row: number): number {
    return split.targets[row]!;
  }

  private divergence(loss: number): DivergenceError {
    const { exec, plan } = this;
    const badParam = plan.params.findIndex((_, i) => exec.params[i]!.some((v) => !Number.isFinite(v)));
    const what = Number.isNaN(loss) ? 'NaN' : 'infinite';
    if (badParam >= 0) {
      const p = plan.params[badParam]!;
      return new DivergenceError(
        `training diverged at step ${this.step + 1} (epoch ${this.epoch + 1}): the loss is ${what} and the weights ${p.name} of "${p.node}" are no longer finite`,
        `lower the learning rate (now ${this.config.optimizer.lr}) or set training.clipNorm (e.g. 1)`,
        p.node,
      );
    }
    const badTensor = plan.ops.find((op) => op.output !== plan.lossTensor && exec.values[op.output]!.some((v) => !Number.isFinite(v)));
    return new DivergenceError(
      `training diverged at step ${this.step + 1} (epoch ${this.epoch + 1}): the loss is ${what}${badTensor ? `; the first non-finite values come out of "${badTensor.node}" (${badTensor.type})` : ''}`,
      `check the data for NaN or huge values, lower the learning rate (now ${this.config.optimizer.lr}) or set training.clipNorm (e.g. 1)`,
      badTensor?.node,
    );
  }
}
