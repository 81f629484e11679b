import { sizeOf } from '../../util/tensor';
import type { NodeKind } from '../types';
import { copyKernel } from './copy-kernel';

/**
 * Reshapes any per-sample tensor into one flat vector, [...] → [product of the axes], in row-major order.
 * The values do not change, so forward is a copy and backward passes the gradient straight back.
 */
export const FlattenNode: NodeKind = {
  type: 'Flatten',
  category: 'layer',
  paletteGroup: 'Shape',
  title: 'Flatten',
  explanation:
    'Lays out a grid or a sequence as one long row of numbers, so that layers which expect a flat list (a final Dense, NALU, the loss) can take it. The numbers themselves are untouched.',
  inputs: [{ name: 'in', description: 'any tensor' }],
  outputs: [{ name: 'out', description: 'a flat vector with as many values as the input' }],
  params: {},
  inferShape: ({ inputs }) => ({ ok: true, shape: [sizeOf(inputs[0]!)] }),
  paramTensors: () => [],
  createKernel: copyKernel,
};
