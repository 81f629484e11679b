import type { Plan } from '../compiler/plan';
import { initParam } from '../engine/init';
import { deriveSeed, mulberry32 } from '../util/rng';

/**
 * The weights a training run with this seed starts from: the same stream and order as Trainer.reset(),
 * so an export without a weights file still carries exactly the network NetLoom would train.
 */
export function initialWeights(plan: Plan, seed: number): Float32Array[] {
  const rng = mulberry32(deriveSeed(seed, 'weights'));
  return plan.params.map((p) => {
    const buf = new Float32Array(p.size);
    initParam(buf, p, rng);
    return buf;
  });
}
