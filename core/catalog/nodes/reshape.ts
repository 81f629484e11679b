import { formatShape, sizeOf, type Shape } from '../../util/tensor';
import type { NodeKind, ShapeResult } from '../types';
import { copyKernel } from './copy-kernel';

/** The target shape with its -1 worked out, or why it cannot hold the input's values. */
export function resolveReshape(input: Shape, target: readonly number[]): ShapeResult {
  const total = sizeOf(input);
  const known = target.filter((d) => d !== -1).reduce((a, d) => a * d, 1);
  const free = target.indexOf(-1);
  if (free < 0) {
    if (known === total) return { ok: true, shape: [...target] };
    return { ok: false, port: 0, message: `cannot hold ${formatShape(input)} (${total} values per sample) as ${formatShape(target)} (${known} values); the sizes must multiply to ${total}` };
  }
  if (known === 0 || total % known !== 0) {
    return { ok: false, port: 0, message: `cannot fit ${formatShape(input)} (${total} values per sample) into ${formatShape(target)}: ${total} is not a multiple of ${known}` };
  }
  const out = [...target];
  out[free] = total / known;
  return { ok: true, shape: out };
}

/** Same values in the same (row-major) order under a new per-sample shape; forward and backward are copies. */
export const ReshapeNode: NodeKind = {
  type: 'Reshape',
  category: 'layer',
  paletteGroup: 'Shape',
  title: 'Reshape',
  explanation:
    'Regroups the values of each example into a new shape without changing them, for example 784 pixels into a 1 × 28 × 28 image. Leave one size as -1 and it is worked out from the others.',
  inputs: [{ name: 'in', description: 'any tensor' }],
  outputs: [{ name: 'out', description: 'the same values in the new shape' }],
  params: {
    shape: { kind: 'ints', default: [-1], min: 1, minLength: 1, maxLength: 6, allowMinusOne: true, description: 'the new shape without the batch axis, e.g. [1, 28, 28]; one entry may be -1' },
  },
  inferShape: ({ params, inputs }) => resolveReshape(inputs[0]!, params.shape as readonly number[]),
  paramTensors: () => [],
  createKernel: copyKernel,
};
