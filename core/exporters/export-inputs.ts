import type { Plan } from '../compiler/plan';
import { decodeWeightsFor, initialWeights } from '../weights';

/**
 * The weights an export carries: the given NetLoom weights file (checked against the graph), or the
 * initial weights NetLoom would train from with the graph's seed.
 */
export function weightsForExport(plan: Plan, seed: number, weights?: Uint8Array): Float32Array[] {
  return weights ? decodeWeightsFor(plan, weights) : initialWeights(plan, seed);
}
