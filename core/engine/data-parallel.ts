import type { Plan } from '../compiler/plan';
import { wasmKernelsFor } from '../kernels/gemm';
import type { KernelFlavor, WasmKernels } from '../kernels/wasm/module';
import type { Buf } from '../util/tensor';
import type { Executor } from './executor';

/*
 * Data-parallel training over two workers. The run's own trainer (the "lead") and one helper worker hold
 * the same plan and the same kernel build. Each step the lead fills the whole minibatch and the current
 * weights into one SharedArrayBuffer; the helper runs forward/backward on the second half of the rows while
 * the lead runs the first half; the lead then combines the two halves' gradients (and losses) in a fixed
 * order — (n₀·g₀ + n₁·g₁) / n, lead first — and steps the optimizer as usual. The halves are fixed by the
 * row count, so a given worker count always gives the same, bit-identical run; it differs from one worker
 * only by float rounding (the mean over the batch is split into two means). Pure core: the host spawns
 * the helper (a worker thread or Web Worker) and calls `runHelper` in it; Atomics.wait does the waiting.
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
  return !plan.ops.some((op) => NOT_SPLITTABLE.has(op.type));
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

// Control words (Int32), then f64 results, then f32 regions, each 64-byte aligned.
const CMD = 0; // sequence number of the last command (the helper waits on it)
const DONE = 1; // sequence number of the last completed command (the lead waits on it)
const OP = 2; // 1 step, 2 stop
const LO = 3; // first row of the helper's half
const ROWS = 4; // rows in the helper's half
const FAILED = 5; // non-zero: the helper threw
const CONTROL_BYTES = 64;
const RESULT_BYTES = 64; // f64 loss of the helper's half

/** A step that takes the helper this long means it is gone (it never takes more than seconds). */
const HANG_MS = 60_000;

/**
 * Polls before sleeping: a futex wake-up can cost tens of microseconds, a noticeable share of a W2
 * half-step, so each side first checks for a while (~tens of µs) whether the other is already done.
 */
const SPINS = 20_000;

/** Waits until control[i] is no longer `value`. */
function waitWhile(control: Int32Array, i: number, value: number, timeoutMs = Infinity): 'ok' | 'timed-out' {
  for (let k = 0; k < SPINS; k++) if (Atomics.load(control, i) !== value) return 'ok';
  while (Atomics.load(control, i) === value) {
    if (Atomics.wait(control, i, value, timeoutMs) === 'timed-out') return 'timed-out';
  }
  return 'ok';
}

/** dst[d…] = src[s…], n floats (no subarray views: the hot loop allocates nothing). */
function copy(dst: Buf, d: number, src: Buf, s: number, n: number): void {
  for (let i = 0; i < n; i++) dst[d + i] = src[s + i]!;
}

function align(n: number): number {
  return Math.ceil(n / 16) * 16;
}

/** Where each region lives in the shared buffer (in floats after the header). */
export interface SharedLayout {
  paramFloats: number;
  inputFloats: number;
  targetFloats: number;
  predictionFloats: number;
  bytes: number;
}

export function sharedLayout(plan: Plan): SharedLayout {
  const B = plan.batchSize;
  const paramFloats = align(plan.params.reduce((s, p) => s + align(p.size), 0));
  const inputFloats = align(plan.tensors[plan.inputTensor]!.size * B);
  const targetFloats = align(plan.target.size * B);
  const predictionFloats = align(plan.tensors[plan.predictionTensor]!.size * B);
  const floats = 2 * paramFloats + inputFloats + targetFloats + predictionFloats;
  return { paramFloats, inputFloats, targetFloats, predictionFloats, bytes: CONTROL_BYTES + RESULT_BYTES + floats * 4 };
}

/** Typed views of the shared buffer, the same on both sides. */
class SharedViews {
  readonly control: Int32Array;
  readonly result: Float64Array;
  readonly params: Float32Array[];
  readonly grads: Float32Array[];
  readonly input: Float32Array;
  readonly target: Float32Array;
  readonly prediction: Float32Array;

  constructor(readonly plan: Plan, readonly sab: SharedArrayBuffer) {
    const L = sharedLayout(plan);
    if (sab.byteLength < L.bytes) throw new Error('data-parallel buffer too small for this plan');
    this.control = new Int32Array(sab, 0, CONTROL_BYTES / 4);
    this.result = new Float64Array(sab, CONTROL_BYTES, RESULT_BYTES / 8);
    let at = CONTROL_BYTES + RESULT_BYTES;
    const region = (floats: number) => {
      const v = new Float32Array(sab, at, floats);
      at += floats * 4;
      return v;
    };
    const carve = (base: Float32Array) => {
      let o = 0;
      return plan.params.map((p) => {
        const v = base.subarray(o, o + p.size);
        o += align(p.size);
        return v;
      });
    };
    this.params = carve(region(L.paramFloats));
    this.grads = carve(region(L.paramFloats));
    this.input = region(L.inputFloats);
    this.target = region(L.targetFloats);
    this.prediction = region(L.predictionFloats);
  }
}

/** What the host passes to the helper worker (structured-clonable). */
export interface HelperInit {
  plan: Plan;
  sab: SharedArrayBuffer;
  kernels: KernelFlavor | null;
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

/**
 * The helper's loop, run inside the helper worker until told to stop. Builds its own executor (own arena,
 * same kernel build as the lead), then for each step: weights in, its rows in, forward/backward, gradients,
 * loss and predictions out.
 */
export function runHelper(init: HelperInit, makeExecutor: (plan: Plan, kernels: KernelFlavor | null) => Executor, onReady: () => void): void {
  const s = new SharedViews(init.plan, init.sab);
  const exec = makeExecutor(init.plan, init.kernels);
  onReady();
  const plan = init.plan;
  const inSize = plan.tensors[plan.inputTensor]!.size, tSize = plan.target.size;
  const pSize = plan.tensors[plan.predictionTensor]!.size;
  let seen = 0;
  for (;;) {
    waitWhile(s.control, CMD, seen);
    seen = Atomics.load(s.control, CMD);
    if (Atomics.load(s.control, OP) === 2) return;
    try {
      const lo = s.control[LO]!, n = s.control[ROWS]!;
      for (let t = 0; t < exec.params.length; t++) exec.params[t]!.set(s.params[t]!);
      copy(exec.input, 0, s.input, lo * inSize, n * inSize);
      copy(exec.target, 0, s.target, lo * tSize, n * tSize);
      exec.forward(n, true);
      s.result[0] = exec.loss;
      exec.backward(n);
      for (let t = 0; t < exec.paramGrads.length; t++) s.grads[t]!.set(exec.paramGrads[t]!);
      copy(s.prediction, lo * pSize, exec.prediction, 0, n * pSize);
    } catch {
      Atomics.store(s.control, FAILED, 1);
    }
    Atomics.store(s.control, DONE, seen);
    Atomics.notify(s.control, DONE);
  }
}

/** The lead's side: hands half of each batch to the helper and combines the halves. */
export class DataParallel {
  private readonly s: SharedViews;
  private seq = 0;
  private readonly inSize: number;
  private readonly tSize: number;
  private readonly pSize: number;

  /** The helper's gradients copied next to the lead's (same wasm memory), for the SIMD combination. */
  private peer: Buf[] | null = null;
  private kernels: WasmKernels | null = null;
  private kernelsResolved = false;

  /** `alloc`: where the copy of the helper's gradients may live (the lead executor's arena reserve). */
  constructor(readonly plan: Plan, private readonly helper: HelperHandle, alloc?: (size: number) => Buf) {
    this.s = new SharedViews(plan, helper.init.sab);
    // A helper may serve several trainers one after the other (the bench's repeats): continue its count.
    this.seq = Atomics.load(this.s.control, CMD);
    this.inSize = plan.tensors[plan.inputTensor]!.size;
    this.tSize = plan.target.size;
    this.pSize = plan.tensors[plan.predictionTensor]!.size;
    if (alloc) {
      try {
        this.peer = plan.params.map((p) => alloc(p.size));
      } catch {
        this.peer = null; // no room reserved: the TS loop combines instead
      }
    }
  }

  /** A fresh shared buffer for this plan (the host passes it to `spawn` inside a HelperInit). */
  static sharedBuffer(plan: Plan): SharedArrayBuffer {
    return new SharedArrayBuffer(sharedLayout(plan).bytes);
  }

  /** Where the trainer fills the whole batch (inputs and encoded targets), before `step`. */
  get batchInput(): Buf {
    return this.s.input;
  }

  get batchTarget(): Buf {
    return this.s.target;
  }

  /** The whole batch's predictions after `step` (the lead's half copied in, the helper's written by it). */
  get batchPrediction(): Buf {
    return this.s.prediction;
  }

  /**
   * One forward/backward over the n rows in the shared batch, split lead | helper. Leaves the combined
   * gradients in exec.paramGrads and returns the batch's mean loss.
   */
  step(exec: Executor, n: number): number {
    const s = this.s;
    const n0 = Math.ceil(n / 2), n1 = n - n0;
    if (n1 > 0) {
      for (let t = 0; t < exec.params.length; t++) s.params[t]!.set(exec.params[t]!);
      s.control[LO] = n0;
      s.control[ROWS] = n1;
      s.control[OP] = 1;
      Atomics.store(s.control, CMD, ++this.seq);
      Atomics.notify(s.control, CMD);
    }
    copy(exec.input, 0, s.input, 0, n0 * this.inSize);
    copy(exec.target, 0, s.target, 0, n0 * this.tSize);
    exec.forward(n0, true);
    const loss0 = exec.loss;
    exec.backward(n0);
    copy(s.prediction, 0, exec.prediction, 0, n0 * this.pSize);
    if (n1 === 0) return loss0;
    if (waitWhile(s.control, DONE, this.seq - 1, HANG_MS) === 'timed-out') throw new Error('the data-parallel helper worker stopped answering');
    if (s.control[FAILED]) throw new Error('the data-parallel helper worker failed');
    // Fixed order: the lead's half first, in f64, one rounding to f32 per element (wasm and TS alike).
    const w0 = n0 / n, w1 = n1 / n;
    if (!this.kernelsResolved) {
      this.kernels = this.peer ? wasmKernelsFor([...exec.paramGrads, ...this.peer]) : null;
      this.kernelsResolved = true;
    }
    const k = this.kernels, peer = this.peer;
    for (let t = 0; t < exec.paramGrads.length; t++) {
      const g = exec.paramGrads[t]!, h = s.grads[t]!;
      if (k && peer) {
        const p = peer[t]!;
        p.set(h);
        k.combineHalves(g.byteOffset, p.byteOffset, g.length, w0, w1);
      } else {
        for (let i = 0; i < g.length; i++) g[i] = w0 * g[i]! + w1 * h[i]!;
      }
    }
    return w0 * loss0 + w1 * s.result[0]!;
  }

  /** Tells the helper to leave its loop, then ends its worker. */
  stop(): void {
    const s = this.s;
    s.control[OP] = 2;
    Atomics.store(s.control, CMD, ++this.seq);
    Atomics.notify(s.control, CMD);
    this.helper.terminate();
  }
}
