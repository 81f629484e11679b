import { AttributeType, type OnnxTypes } from '../../../onnx/proto';
import { Attributes } from '../attributes';
import type { Fusion } from './index';
import { stackLink } from './recurrent';

/** The private attribute: Shape reads the Transpose's input and permutes the dims it finds by it. */
export const SHAPE_PERM_ATTR = 'netloom_perm';

/**
 * Shape(Transpose(x, perm)) → Shape of x, permuted. PyTorch's batch-first LSTM/GRU at a fixed batch
 * reads the batch size for its zero initial state from the time-major Transpose in front of the op;
 * reading it from x instead leaves that Transpose to the recurrent fusion (it cannot be a NetLoom
 * node on its own: it moves the batch axis).
 */
export const shapeOfTransposePattern: Fusion = (root, index) => {
  if (root.opType !== 'Shape' || new Attributes(root.attribute).has(SHAPE_PERM_ATTR)) return null;
  const t = index.input(root, 0, 'Transpose');
  const perm = t && new Attributes(t.attribute).ints('perm');
  if (t && perm) return { node: withPerm(root, t.input?.[0] ?? '', perm), absorbed: [] };
  // Between stacked layers the value stays time-major in ONNX but is batch-first once fused.
  const link = index.input(root, 0, 'Squeeze');
  if (link && stackLink(index, link)) return { node: withPerm(root, root.input?.[0] ?? '', [1, 0, 2]), absorbed: [] };
  return null;
};

function withPerm(shape: OnnxTypes.INodeProto, input: string, perm: number[]): OnnxTypes.INodeProto {
  return { ...shape, input: [input], attribute: [...(shape.attribute ?? []), { name: SHAPE_PERM_ATTR, type: AttributeType.INTS, ints: perm }] };
}
