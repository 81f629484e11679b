import { formatShape, sameShape } from '../../util/tensor';
import type { NodeKind, PortSpec } from '../types';

/** What Add and Multiply share: two inputs `a`, `b` of one shape, and an output of that shape. */
export const PAIR_INPUTS: readonly PortSpec[] = [
  { name: 'a', description: 'first tensor' },
  { name: 'b', description: 'second tensor, the same shape as a' },
];

/** The shape rule of an element-wise op on two tensors: they must match, the output is that shape. */
export const inferPairShape: NodeKind['inferShape'] = ({ inputs }) => {
  const [a, b] = inputs as [readonly number[], readonly number[]];
  if (!sameShape(a, b)) {
    return { ok: false, port: 1, message: `needs inputs of equal shape, got a ${formatShape(a)} and b ${formatShape(b)}` };
  }
  return { ok: true, shape: a };
};
