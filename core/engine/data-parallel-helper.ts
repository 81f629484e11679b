import type { Plan } from '../compiler/plan';
import type { KernelFlavor } from '../kernels/wasm/module';
import { arenaFloats } from './arena';
import {
  ABORT, CMD, copy, FAILED, FLAGS, FRESH, HELPER_DONE, HELPER_GRADS, HELPER_SQ, KEEP_GRADS, LEAD_GRADS, LO, LOSS_HELPER,
  LOSS_LEAD, LR, OP, post, ROWS, SharedViews, waitFor, type HelperInit,
} from './data-parallel-shared';
import { Shard } from './data-parallel-shard';
import type { Executor } from './executor';

/**
 * Floats the helper's executor keeps free for its share of the update: optimizer state (at most two
 * moments) over its range and a copy of the lead's gradients for it — three tensors' worth at most.
 */
export function helperStateFloats(plan: Plan): number {
  return 3 * arenaFloats(plan.params.map((p) => p.size));
}

/**
 * The helper's loop, run inside the helper worker until told to stop. Builds its own executor (own arena,
 * same kernel build as the lead), then for each step: the lead's range of the weights in (all of them on
 * a fresh start), its rows in, forward/backward, loss, predictions and the lead's range of its gradients
 * out; then, once the lead's gradients for its own range are in, its share of the update (Shard).
 */
export function runHelper(
  init: HelperInit, makeExecutor: (plan: Plan, kernels: KernelFlavor | null, stateFloats: number) => Executor, onReady: () => void,
): void {
  const plan = init.plan;
  const s = new SharedViews(plan, init.sab);
  const exec = makeExecutor(plan, init.kernels, helperStateFloats(plan));
  const shard = new Shard(exec, s, 1, init.training, exec.allocState);
  const c = s.control;
  // Read before saying ready: the lead may post the first step the moment it hears.
  let seen = Atomics.load(c, CMD);
  onReady();
  const inSize = plan.tensors[plan.inputTensor]!.size, tSize = plan.target.size;
  const pSize = plan.tensors[plan.predictionTensor]!.size;
  // The helper's rows of a full batch, as views made once (a `set` is a memcpy).
  const half = plan.batchSize - Math.ceil(plan.batchSize / 2);
  const inputRows = s.input.subarray(0, half * inSize), targetRows = s.target.subarray(0, half * tSize);
  for (;;) {
    waitFor(c, CMD, seen + 1);
    seen = Atomics.load(c, CMD);
    if (Atomics.load(c, OP) === 2) return;
    const lo = c[LO]!, n = c[ROWS]!, flags = c[FLAGS]!;
    let ok = true;
    try {
      if (flags & FRESH) {
        for (let t = 0; t < exec.params.length; t++) exec.params[t]!.set(s.params[t]!);
        shard.optimizer.reset();
      } else shard.pullWeights();
      if (n > 0) {
        // The lead filled the helper's rows from the start of the shared input and target.
        if (n === half) {
          exec.input.set(inputRows);
          exec.target.set(targetRows);
        } else {
          copy(exec.input, 0, s.input, 0, n * inSize);
          copy(exec.target, 0, s.target, 0, n * tSize);
        }
        exec.forward(n, true);
        s.result[LOSS_HELPER] = exec.loss;
        exec.backward(n);
        copy(s.prediction, lo * pSize, exec.prediction, 0, n * pSize);
      } else {
        // A one-row batch: the lead trains it alone; zeros keep the combination exact (1·g₀ + 0·0 = g₀).
        s.result[LOSS_HELPER] = 0;
        for (const g of exec.paramGrads) g.fill(0);
      }
      shard.sendGradients();
    } catch {
      ok = false;
      Atomics.store(c, FAILED, 1);
    }
    post(c, HELPER_GRADS, seen);
    try {
      waitFor(c, LEAD_GRADS, seen);
      const total = lo + n, w0 = lo / total, w1 = n / total;
      const loss = w0 * s.result[LOSS_LEAD]! + w1 * s.result[LOSS_HELPER]!;
      // The lead makes the same decision from the same numbers: skip the update when it will throw.
      if (ok && Atomics.load(c, ABORT) !== seen && Number.isFinite(loss)) {
        shard.update(w0, w1, seen, Infinity, s.result[LR]!); // the lead's scheduled rate for this step
        if (flags & KEEP_GRADS) shard.publishGradients();
      }
    } catch {
      Atomics.store(c, FAILED, 1);
    } finally {
      post(c, HELPER_SQ, seen);
      post(c, HELPER_DONE, seen);
    }
  }
}
