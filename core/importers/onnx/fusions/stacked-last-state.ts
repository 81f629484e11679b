import { Attributes } from '../attributes';
import type { Fusion } from './index';
import { lastLayerSlice, RECURRENT_OPS } from './recurrent';

/**
 * A stacked nn.LSTM/GRU's h_n is the Concat (axis 0) of each layer's Y_h [1, N, H]; PyTorch's
 * h_n[-1] (the top layer's last state) is then Gather axis 0 index −1 of that Concat. Picking the
 * input directly — Gather index −1 of the top layer's own Y_h — leaves the lower layers' Y_h unread,
 * so every layer is recognised (the top one with returnSequences false). Index 0 picks the first
 * layer the same way, and so does opsets 9–10's Slice [-1:] (or [0:1]) of axis 0. Only forward
 * layers: each Y_h then has exactly one entry on axis 0.
 */
export const stackedLastStatePattern: Fusion = (root, index) => {
  const concat = index.input(root, 0, 'Concat');
  if (!concat) return null;
  let first: boolean;
  if (root.opType === 'Slice') {
    // Opsets 9 and 10: h_n[-1] is Slice [-1:] of axis 0 (then a Squeeze).
    const which = lastLayerSlice(index, root);
    if (!which) return null;
    first = which === 'first';
  } else {
    if (root.opType !== 'Gather' || new Attributes(root.attribute).int('axis', 0) !== 0) return null;
    const at = index.constant(root.input?.[1]);
    if (!at || at.dims.length !== 0 || (at.data[0] !== 0 && at.data[0] !== -1)) return null;
    first = at.data[0] === 0;
  }
  if (new Attributes(concat.attribute).int('axis', 0) !== 0) return null;
  const parts = concat.input ?? [];
  const states = parts.every((name) => {
    const rec = RECURRENT_OPS.map((op) => index.producer(name, op)).find(Boolean);
    return !!rec && rec.output?.[1] === name && new Attributes(rec.attribute).string('direction', 'forward') === 'forward';
  });
  if (!states || parts.length === 0) return null;
  const picked = first ? parts[0]! : parts[parts.length - 1]!;
  return { node: { ...root, input: [picked, ...(root.input ?? []).slice(1)] }, absorbed: [concat] };
};
