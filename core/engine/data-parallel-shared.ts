import type { Plan } from '../compiler/plan';
import type { TrainingConfig } from '../graph/schema';
import type { KernelFlavor } from '../kernels/wasm/module';
import type { Buf } from '../util/tensor';

/*
 * What the lead and the helper of a data-parallel run share: the layout of the SharedArrayBuffer, the
 * control words they synchronise on, and how a parameter tensor is split between them (see
 * data-parallel.ts for the protocol of one step).
 */

// Control words (Int32). Every step has a sequence number k; each "posted" word below reaches k once the
// side that owns it has done that part of step k, so waiting is "until word ≥ k" and never misses a step.
export const CMD = 0; // the lead: step k is in the shared buffer (the helper waits on it)
export const OP = 1; // 1 step, 2 stop
export const LO = 2; // first row of the helper's half (= rows of the lead's half)
export const ROWS = 3; // rows in the helper's half (may be 0)
export const FLAGS = 4; // FRESH | KEEP_GRADS for this step
export const FAILED = 5; // non-zero: the helper threw
export const ABORT = 6; // = k: the lead threw during step k (the helper skips the update)
export const LEAD_GRADS = 7; // the lead's loss and gradients for the helper's range are in the buffer
export const HELPER_GRADS = 8; // the helper's loss, predictions and gradients for the lead's range are in
export const LEAD_SQ = 9; // the lead's partial sum of squares (clipNorm) is in
export const HELPER_SQ = 10; // the helper's partial sum of squares is in
export const HELPER_DONE = 11; // the helper has updated and published its range of the weights
const CONTROL_BYTES = 64;

/** The lead's weights are new (first step of a run, or after a reset): the helper takes all of them and resets its optimizer. */
export const FRESH = 1;
/** The session will read this step's gradients (layer statistics): the helper publishes its combined range. */
export const KEEP_GRADS = 2;

// f64 results.
export const LOSS_LEAD = 0;
export const LOSS_HELPER = 1;
export const SQ_LEAD = 2;
export const SQ_HELPER = 3;
/** The step's learning rate (training.schedule), set by the lead: both sides step their range with it. */
export const LR = 4;
const RESULT_BYTES = 64;

/** What the host passes to the helper worker (structured-clonable). */
export interface HelperInit {
  plan: Plan;
  sab: SharedArrayBuffer;
  kernels: KernelFlavor | null;
  /** The run's training settings: the helper steps the optimizer (and regularises, clips) over its range. */
  training: TrainingConfig;
}

/** A step that takes the other side this long means it is gone (it never takes more than seconds). */
export const HANG_MS = 60_000;

/**
 * Polls before sleeping: a futex wake-up costs tens of microseconds, so each side first checks for a
 * while whether the other is already there, then sleeps in Atomics.wait. 4,000 polls take ~30–60 µs
 * (an Atomics.load costs ~8–15 ns here): enough for the hand-overs where both sides finish together,
 * short of a half-step. The 20,000 of round 3 polled for ~0.15–0.3 ms, and a polling thread on a
 * 2-core machine takes the core the other side needs (on the shared machine no polling at all trained
 * W2 1.7× faster than 20,000, windows alternated in one process).
 */
const SPINS = 4_000;

/** Waits until control[i] ≥ k. */
export function waitFor(control: Int32Array, i: number, k: number, timeoutMs = Infinity): 'ok' | 'timed-out' {
  for (let s = 0; s < SPINS; s++) if (Atomics.load(control, i) >= k) return 'ok';
  for (;;) {
    const now = Atomics.load(control, i);
    if (now >= k) return 'ok';
    if (Atomics.wait(control, i, now, timeoutMs) === 'timed-out') return 'timed-out';
  }
}

/** Sets control[i] = k and wakes whoever waits on it. */
export function post(control: Int32Array, i: number, k: number): void {
  Atomics.store(control, i, k);
  Atomics.notify(control, i);
}

/** dst[d…] = src[s…], n floats (no subarray views: the hot loop allocates nothing). */
export function copy(dst: Buf, d: number, src: Buf, s: number, n: number): void {
  for (let i = 0; i < n; i++) dst[d + i] = src[s + i]!;
}

/**
 * Where a tensor of `size` elements splits: the lead updates [0, at), the helper [at, size). Half, rounded
 * up to 4 elements so both ranges start on a 16-byte boundary; tensors of up to 4 elements stay whole with the lead.
 */
export function splitAt(size: number): number {
  return Math.min(size, Math.ceil(size / 8) * 4);
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

/**
 * Typed views of the shared buffer, the same on both sides. `params` holds the weights (each side writes
 * its own range after its update); `grads` is the exchange area: the helper writes its half-batch
 * gradients for the lead's range there, the lead its own for the helper's range (disjoint, so one region).
 */
export class SharedViews {
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
