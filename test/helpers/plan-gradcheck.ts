import type { Executor } from '../../core/engine/executor';
import { centralDifference } from './gradcheck';

export interface PlanGradCheck {
  /** Worst relative error |numeric − analytic| / (|numeric| + |analytic|) over the checked entries. */
  worst: number;
  /** `node.param[i]` of the worst entry. */
  where: string;
  checked: number;
}

/**
 * A compiled plan's parameter gradients against central finite differences of its loss, for whole-graph
 * checks (fan-out, fused ops, several kinds chained) where `checkOp` covers one op. The executor must be
 * float64 with its batch of `n` rows already filled. Parameters marked `trainable: false` (BatchNorm's
 * running statistics) are state, not something the loss is differentiated by, and are skipped; `stride`
 * checks every stride-th entry of large tensors. Entries whose both gradients are ~0 count but cannot fail.
 */
export function checkPlanGradients(exec: Executor, n: number, { stride = 1, h = 1e-6 }: { stride?: number; h?: number } = {}): PlanGradCheck {
  const lossAt = () => {
    exec.forward(n, true);
    return exec.loss;
  };
  lossAt();
  exec.backward(n);
  let worst = 0, where = '', checked = 0;
  exec.params.forEach((p, k) => {
    const spec = exec.plan.params[k]!;
    if (spec.trainable === false) return;
    const g = Float64Array.from(exec.paramGrads[k]!);
    for (let i = 0; i < p.length; i += stride) {
      const numeric = centralDifference(p, i, lossAt, h);
      const scale = Math.abs(numeric) + Math.abs(g[i]!);
      const rel = scale > 1e-7 ? Math.abs(numeric - g[i]!) / scale : 0;
      if (rel > worst) [worst, where] = [rel, `${spec.node}.${spec.name}[${i}]`];
      checked++;
    }
  });
  return { worst, where, checked };
}
