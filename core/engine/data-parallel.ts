import type { Plan } from '../compiler/plan';
import type { DataSplit } from '../datasets/types';
import type { TrainingConfig } from '../graph/schema';
import type { Buf } from '../util/tensor';
import {
  ABORT, CMD, copy, FAILED, FLAGS, FRESH, HANG_MS, HELPER_DONE, HELPER_GRADS, KEEP_GRADS, LEAD_GRADS, LEAD_SQ, LO,
  LOSS_HELPER, LOSS_LEAD, LR, OP, post, ROWS, sharedLayout, SharedViews, waitFor, type HelperInit,
} from './data-parallel-shared';
import { fillBatch } from './batch';
import { Shard } from './data-parallel-shard';
import type { Executor } from './executor';

export { runHelper, helperStateFloats } from './data-parallel-helper';
export { sharedLayout, type HelperInit, type SharedLayout } from './data-parallel-shared';

/*
 * Data-parallel training over two workers. The run's own trainer (the "lead") and one helper worker hold
 * the same plan and the same kernel build. Each step the lead fills the whole minibatch into one
 * SharedArrayBuffer; the helper runs forward/backward on the second half of the rows while the lead runs
 * the first half. Then each side takes a fixed half of every parameter tensor (Shard): it combines the two
 * halves' gradients over it in a fixed order — (n₀·g₀ + n₁·g₁) / n, lead first — regularises, clips and
 * steps its own optimizer over that range, and publishes the new weights there; the other side copies
 * them in. So the update runs on both cores at once, and only half of each tensor crosses the buffer in
 * each direction. The halves are fixed by the row count and the tensor sizes, so a given worker count
 * always gives the same, bit-identical run; it differs from one worker only by float rounding (the mean
 * over the batch is split into two means; clipNorm sums its squares in two parts). Pure core: the host
 * spawns the helper (a worker thread or Web Worker) and calls `runHelper` in it; Atomics.wait does the waiting.
 */

/** Node kinds whose forward couples the rows of a batch or draws random numbers: such plans train on one worker. */
const NOT_SPLITTABLE = new Set(['BatchNorm', 'BatchNorm1d', 'BatchNorm2d', 'Dropout']);

/**
 * Below this, one step is too short for the hand-over to pay: W1, W3 and W4 (steps of 15–500 µs) were
 * clearly slower on two workers; W2 (~1 M weight × row products per half) is the size where it starts to.
 */
const MIN_ROWS = 16;
const MIN_WORK = 1_000_000;

/** Whether a plan may train data-parallel at all (independent rows, no random ops). */
export function splittable(plan: Plan): boolean {
  // State tensors (trainable: false) are updated by their kernel in the forward: each side would keep its own.
  return !plan.ops.some((op) => NOT_SPLITTABLE.has(op.type)) && plan.params.every((p) => p.trainable !== false);
}

/**
 * The automatic choice: two workers when the plan is splittable, the batch has at least 16 rows and the
 * step does at least ~1 M multiply-adds (parameters × batch rows) — small steps lose more to the
 * hand-over than they gain.
 */
export function paysToSplit(plan: Plan): boolean {
  const weights = plan.params.reduce((s, p) => s + p.size, 0);
  return splittable(plan) && plan.batchSize >= MIN_ROWS && weights * plan.batchSize >= MIN_WORK;
}

/** A started helper, as the host hands it to the lead. */
export interface HelperHandle {
  readonly init: HelperInit;
  /** Settles once the helper worker has built its executor and waits for steps (rejects if it failed to start). */
  readonly ready: Promise<void>;
  /** Ends the helper worker (after `DataParallel.stop`, or on failure). */
  terminate(): void;
}

/** Starts a helper worker running `runHelper(init)`; provided by the host (worker_threads, Web Worker). */
export type HelperSpawner = (init: HelperInit) => HelperHandle;

/** Floats the lead's executor keeps free for its share of the update (as the helper's, helperStateFloats). */
export const LEAD_STATE_TENSORS = 3;

/** The lead's side: hands half of each batch to the helper and does its half of the update. */
export class DataParallel {
  private readonly s: SharedViews;
  private readonly shard: Shard;
  private seq = 0;
  private readonly pSize: number;

  /** `alloc`: where the lead's optimizer state over its range and the helper's gradients live (the arena reserve). */
  constructor(exec: Executor, private readonly helper: HelperHandle, training: TrainingConfig, alloc: (size: number) => Buf) {
    const plan = exec.plan;
    this.s = new SharedViews(plan, helper.init.sab);
    this.shard = new Shard(exec, this.s, 0, training, alloc);
    // A helper may serve several trainers one after the other (the bench's repeats): continue its count.
    this.seq = Atomics.load(this.s.control, CMD);
    this.pSize = plan.tensors[plan.predictionTensor]!.size;
  }

  /** A fresh shared buffer for this plan (the host passes it to `spawn` inside a HelperInit). */
  static sharedBuffer(plan: Plan): SharedArrayBuffer {
    return new SharedArrayBuffer(sharedLayout(plan).bytes);
  }

  /**
   * Fill a batch before `step`: the lead's rows (the first ⌈n/2⌉) straight into its executor, the
   * helper's into the shared buffer, from where the helper copies them.
   */
  fill(split: DataSplit, order: Int32Array, start: number, n: number, exec: Executor, rows: Float32Array[] | null): void {
    const n0 = Math.ceil(n / 2);
    fillBatch(exec.plan, split, order, start, n0, exec.input, exec.target, rows);
    fillBatch(exec.plan, split, order, start + n0, n - n0, this.s.input, this.s.target, rows);
  }

  /** The whole batch's predictions after `step` (the lead's half copied in, the helper's written by it). */
  get batchPrediction(): Buf {
    return this.s.prediction;
  }

  /**
   * One training step over the n rows in the shared batch, split lead | helper, update included: the
   * weights in exec.params are the new ones when it returns (unless the loss is not finite: then neither
   * side updates, and the caller throws). `fresh`: the weights changed outside training (first step,
   * reset, loaded) — the helper takes all of them and both optimizers start over. `keepGradients`: leave
   * the whole batch's combined gradients in exec.paramGrads (for layer statistics); otherwise only the
   * lead's range is combined there. Returns the batch's mean loss.
   */
  step(exec: Executor, n: number, fresh: boolean, keepGradients: boolean, lr: number): number {
    const s = this.s, c = s.control;
    const seq = ++this.seq;
    const n0 = Math.ceil(n / 2), n1 = n - n0;
    let loss0: number;
    try {
      if (fresh) {
        for (let t = 0; t < exec.params.length; t++) s.params[t]!.set(exec.params[t]!);
        this.shard.optimizer.reset();
      }
      c[LO] = n0;
      c[ROWS] = n1;
      c[FLAGS] = (fresh ? FRESH : 0) | (keepGradients ? KEEP_GRADS : 0);
      c[OP] = 1;
      s.result[LR] = lr;
      post(c, CMD, seq);
      exec.forward(n0, true);
      loss0 = exec.loss;
      exec.backward(n0);
      copy(s.prediction, 0, exec.prediction, 0, n0 * this.pSize);
      s.result[LOSS_LEAD] = loss0;
      this.shard.sendGradients();
    } catch (e) {
      // Let the helper finish this step without updating, so nothing touches the buffer after we throw.
      Atomics.store(c, ABORT, seq);
      post(c, LEAD_GRADS, seq);
      post(c, LEAD_SQ, seq);
      this.waitHelper(HELPER_DONE, seq);
      throw e;
    }
    post(c, LEAD_GRADS, seq);
    this.waitHelper(HELPER_GRADS, seq);
    const failed = Atomics.load(c, FAILED) !== 0;
    const w0 = n0 / n, w1 = n1 / n;
    const loss = w0 * loss0 + w1 * s.result[LOSS_HELPER]!;
    const update = !failed && Number.isFinite(loss);
    if (update) this.shard.update(w0, w1, seq, HANG_MS, lr);
    else post(c, LEAD_SQ, seq);
    this.waitHelper(HELPER_DONE, seq);
    if (failed || Atomics.load(c, FAILED) !== 0) throw new Error('the data-parallel helper worker failed');
    if (update) {
      this.shard.pullWeights();
      if (keepGradients) this.shard.pullGradients();
    }
    return loss;
  }

  private waitHelper(word: number, seq: number): void {
    if (waitFor(this.s.control, word, seq, HANG_MS) === 'timed-out') throw new Error('the data-parallel helper worker stopped answering');
  }

  /** Tells the helper to leave its loop, then ends its worker. */
  stop(): void {
    const s = this.s;
    s.control[OP] = 2;
    post(s.control, CMD, ++this.seq);
    this.helper.terminate();
  }
}
