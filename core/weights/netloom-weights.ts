import type { Plan } from '../compiler/plan';
import type { Buf } from '../util/tensor';
import { decodeSafetensors, encodeSafetensors, type NamedTensor } from './safetensors';

/**
 * NetLoom's weights file: safetensors with one tensor per trainable parameter, named `<nodeId>.<param>`
 * (e.g. `d1.W`, `d1.b`, `att.Wq`), in NetLoom's own layout. The metadata says so, so a reader in any
 * language knows that Dense / NALU / SelfAttention matrices are stored [in][out] (PyTorch's Linear
 * keeps the transpose, [out][in]).
 */
export const WEIGHTS_FORMAT = 'netloom-weights';
export const WEIGHTS_VERSION = '1';
export const WEIGHTS_LAYOUT_NOTE =
  'float32, row-major; matrices of Dense (W), NALU (W_hat, M_hat, G) and SelfAttention (Wq, Wk, Wv, Wo) are [in][out]: y = x·W + b';

export function weightName(node: string, param: string): string {
  return `${node}.${param}`;
}

/** The current parameter values of a plan, as a weights file. */
export function encodeWeights(plan: Plan, params: readonly Buf[], extraMetadata: Record<string, string> = {}): Uint8Array {
  const tensors: NamedTensor[] = plan.params.map((p, i) => ({
    name: weightName(p.node, p.name),
    shape: [...p.shape],
    data: Float32Array.from(params[i]!),
  }));
  return encodeSafetensors(tensors, {
    format: WEIGHTS_FORMAT, version: WEIGHTS_VERSION, graph: plan.name, layout: WEIGHTS_LAYOUT_NOTE, ...extraMetadata,
  });
}

/** A weights file that does not fit the plan; the message names the tensor. */
export class WeightsMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeightsMismatchError';
  }
}

/**
 * Decode a weights file and check it against the plan: every parameter present with its exact shape,
 * nothing extra. Returns the values in plan order. Throws WeightsMismatchError (or SafetensorsError).
 */
export function decodeWeightsFor(plan: Plan, bytes: Uint8Array): Float32Array[] {
  const file = decodeSafetensors(bytes);
  const byName = new Map(file.tensors.map((t) => [t.name, t]));
  const problems: string[] = [];
  const values = plan.params.map((p) => {
    const name = weightName(p.node, p.name);
    const t = byName.get(name);
    if (!t) {
      problems.push(`tensor "${name}" is missing (node "${p.node}" needs ${p.name} of shape [${p.shape.join(', ')}])`);
      return new Float32Array(p.size);
    }
    byName.delete(name);
    if (t.shape.length !== p.shape.length || t.shape.some((d, i) => d !== p.shape[i])) {
      problems.push(`tensor "${name}" has shape [${t.shape.join(', ')}], the graph needs [${p.shape.join(', ')}]`);
    }
    return t.data;
  });
  for (const extra of byName.keys()) problems.push(`tensor "${extra}" is not a parameter of this graph`);
  if (problems.length > 0) throw new WeightsMismatchError(`weights do not fit graph "${plan.name}":\n  ${problems.join('\n  ')}`);
  return values;
}

/** Copy decoded values into an executor's parameter buffers (same plan order). */
export function assignWeights(target: Buf[], values: readonly Float32Array[]): void {
  values.forEach((v, i) => target[i]!.set(v));
}
