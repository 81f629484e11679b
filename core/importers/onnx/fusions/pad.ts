import { AttributeType, type OnnxTypes } from '../../../onnx/proto';
import { Attributes } from '../attributes';
import type { Fusion } from './index';

type NodeProto = OnnxTypes.INodeProto;

/**
 * A zero Pad in front of a Conv or AveragePool is the op's own padding: PyTorch writes
 * AvgPool(padding=p) as Pad + AveragePool (the zeros then count in every window's divisor, which is
 * count_include_pad = 1). The pair becomes one op with the pads added to its own.
 */
export const padIntoWindowPattern: Fusion = (root, index) => {
  if (root.opType !== 'Conv' && root.opType !== 'AveragePool') return null;
  const pad = index.input(root, 0, 'Pad');
  if (!pad) return null;
  const padAttrs = new Attributes(pad.attribute);
  if (padAttrs.string('mode', 'constant') !== 'constant') return null;
  const fill = pad.input?.[2];
  if (fill && !index.isScalar(fill, 0)) return null;
  if (!fill && padAttrs.float('value', 0) !== 0) return null;
  const given = pad.input?.[1] ? index.constant(pad.input[1]) : undefined;
  const pads = given ? Array.from(given.data) : padAttrs.ints('pads');
  if (!pads || pads.length % 2 !== 0 || pads.length < 6 || (pad.input?.[3] ?? '') !== '') return null;
  const rank = pads.length / 2;
  // Only the spatial axes may be padded (not the batch or the channels), and never by a negative (crop).
  if (pads[0] !== 0 || pads[1] !== 0 || pads[rank] !== 0 || pads[rank + 1] !== 0 || pads.some((p) => p < 0)) return null;
  const attrs = new Attributes(root.attribute);
  if (attrs.string('auto_pad', 'NOTSET') !== 'NOTSET') return null;
  const sp = rank - 2;
  const own = attrs.ints('pads') ?? new Array<number>(2 * sp).fill(0);
  const begins = pads.slice(2, rank), ends = pads.slice(rank + 2);
  const merged = [...begins.map((p, i) => p + own[i]!), ...ends.map((p, i) => p + own[sp + i]!)];
  const ownPadded = own.some((p) => p !== 0);
  if (root.opType === 'AveragePool' && ownPadded && attrs.int('count_include_pad', 0) === 0) return null;
  // With ceil_mode, padded input and padding differ: a last window may start in the padded zeros but
  // never in the op's own end padding (it is dropped), so the pair is not the op alone.
  if (attrs.int('ceil_mode', 0) === 1) return null;
  const keep = (root.attribute ?? []).filter((a) => a.name !== 'pads' && a.name !== 'count_include_pad');
  const attribute: OnnxTypes.IAttributeProto[] = [...keep, { name: 'pads', type: AttributeType.INTS, ints: merged }];
  if (root.opType === 'AveragePool') attribute.push({ name: 'count_include_pad', type: AttributeType.INT, i: 1 });
  const node: NodeProto = { ...root, input: [pad.input![0]!, ...(root.input ?? []).slice(1)], attribute };
  return { node, absorbed: [pad] };
};
