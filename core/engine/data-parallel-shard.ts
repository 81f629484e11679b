import type { PlanParam } from '../compiler/plan';
import type { TrainingConfig } from '../graph/schema';
import { wasmKernelsFor } from '../kernels/gemm';
import type { WasmKernels } from '../kernels/wasm/module';
import type { Buf } from '../util/tensor';
import { HELPER_SQ, LEAD_SQ, post, SQ_HELPER, SQ_LEAD, splitAt, waitFor, type SharedViews } from './data-parallel-shared';
import type { Executor } from './executor';
import { createOptimizer, type Optimizer } from './optimizers';
import { regularizeAndClipValues, scaleToNorm, sumOfSquares } from './regularize';

/**
 * One side's share of the update in a data-parallel step: its fixed range of every parameter tensor
 * (the lead the first half, the helper the second, `splitAt`). Each side combines the two halves'
 * gradients over its range, regularises and clips it, steps its own optimizer over it (whose state
 * exists only for that range) and publishes its range of the new weights; the other side copies them in.
 * Every one of these is element-wise — but for clipNorm's global norm, summed as lead + helper — so the
 * result is the one the lead alone would compute, in half the time on each side.
 */
export class Shard {
  /** This side's range of each parameter and gradient tensor (views of the executor's buffers). */
  readonly params: Buf[];
  readonly grads: Buf[];
  readonly optimizer: Optimizer;
  private readonly specs: PlanParam[];
  /** The other side's half-batch gradients over this range: copied next to ours for the wasm combination. */
  private readonly peer: Buf[];
  private readonly recvFrom: Float32Array[];
  private readonly sendFrom: Buf[];
  private readonly sendTo: Float32Array[];
  private readonly publishTo: Float32Array[];
  private readonly pullFrom: Float32Array[];
  private readonly pullTo: Buf[];
  private readonly pullGradsTo: Buf[];
  private readonly kernels: WasmKernels | null;
  private readonly wasmCombine: boolean;
  /** This side's copy of the optimizer settings: the optimizer reads `lr` at each step (the scheduled rate). */
  private readonly settings: TrainingConfig['optimizer'];

  constructor(exec: Executor, private readonly s: SharedViews, readonly side: 0 | 1, private readonly training: TrainingConfig, alloc: (size: number) => Buf) {
    const plan = exec.plan;
    const own = (size: number): [number, number] => (side === 0 ? [0, splitAt(size)] : [splitAt(size), size]);
    const other = (size: number): [number, number] => (side === 0 ? [splitAt(size), size] : [0, splitAt(size)]);
    const view = <T extends Buf>(bufs: readonly T[], range: (size: number) => [number, number]): T[] =>
      bufs.map((b, t) => b.subarray(...range(plan.params[t]!.size)) as T);
    this.specs = plan.params;
    this.params = view(exec.params, own);
    this.grads = view(exec.paramGrads, own);
    this.recvFrom = view(s.grads, own);
    this.sendFrom = view(exec.paramGrads, other);
    this.sendTo = view(s.grads, other);
    this.publishTo = view(s.params, own);
    this.pullFrom = view(s.params, other);
    this.pullTo = view(exec.params, other);
    this.pullGradsTo = this.sendFrom;
    this.settings = { ...training.optimizer };
    this.optimizer = createOptimizer(this.settings, this.params.map((p) => p.length), alloc);
    let peer: Buf[] | null = null;
    try {
      peer = this.params.map((p) => alloc(p.length));
    } catch {
      peer = null; // no room reserved: the TS loop combines straight from the shared buffer
    }
    this.kernels = peer ? wasmKernelsFor([...this.grads, ...peer]) : null;
    this.wasmCombine = this.kernels !== null;
    this.peer = this.wasmCombine ? peer! : this.recvFrom;
  }

  /** This side's half-batch gradients for the other side's range, into the shared buffer. */
  sendGradients(): void {
    for (let t = 0; t < this.sendTo.length; t++) this.sendTo[t]!.set(this.sendFrom[t]!);
  }

  /**
   * Combine, regularise, clip and step this side's range, then publish its new weights. `seq` is the
   * step's number (the clipNorm exchange waits on it). w0, w1: the lead's and the helper's row shares;
   * lr: the step's learning rate (the lead's schedule, the same on both sides).
   */
  update(w0: number, w1: number, seq: number, timeoutMs: number, lr: number): void {
    const { s, training: o, grads, peer } = this;
    // The lead's half first — w0·g₀ + w1·g₁ in f64, one rounding — on both sides (f64 addition commutes,
    // so the helper's w1·g₁ + w0·g₀ has the same bits).
    const wOwn = this.side === 0 ? w0 : w1, wPeer = this.side === 0 ? w1 : w0;
    const k = this.kernels;
    for (let t = 0; t < grads.length; t++) {
      const g = grads[t]!, h = peer[t]!;
      if (k) {
        h.set(this.recvFrom[t]!);
        k.combineHalves(g.byteOffset, h.byteOffset, g.length, wOwn, wPeer);
      } else {
        for (let i = 0; i < g.length; i++) g[i] = wOwn * g[i]! + wPeer * h[i]!;
      }
    }
    regularizeAndClipValues(this.specs, this.params, grads, o);
    if (o.clipNorm !== undefined) {
      const mine = this.side === 0 ? LEAD_SQ : HELPER_SQ, theirs = this.side === 0 ? HELPER_SQ : LEAD_SQ;
      s.result[this.side === 0 ? SQ_LEAD : SQ_HELPER] = sumOfSquares(grads);
      post(s.control, mine, seq);
      if (waitFor(s.control, theirs, seq, timeoutMs) === 'timed-out') throw new Error('the other data-parallel worker stopped answering');
      scaleToNorm(grads, Math.sqrt(s.result[SQ_LEAD]! + s.result[SQ_HELPER]!), o.clipNorm);
    }
    this.settings.lr = lr;
    this.optimizer.step(this.params, grads);
    for (let t = 0; t < this.publishTo.length; t++) this.publishTo[t]!.set(this.params[t]!);
  }

  /** The other side's range of the new weights, from the shared buffer into this side's executor. */
  pullWeights(): void {
    for (let t = 0; t < this.pullTo.length; t++) this.pullTo[t]!.set(this.pullFrom[t]!);
  }

  /** The helper: its combined gradients over its range into the exchange area (the lead reads them for statistics). */
  publishGradients(): void {
    for (let t = 0; t < this.recvFrom.length; t++) this.recvFrom[t]!.set(this.grads[t]!);
  }

  /** The lead: the helper's combined gradients over its range, so exec.paramGrads holds the whole batch's. */
  pullGradients(): void {
    for (let t = 0; t < this.pullGradsTo.length; t++) this.pullGradsTo[t]!.set(this.sendTo[t]!);
  }
}
