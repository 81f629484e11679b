import { AttributeType, type OnnxTypes } from '../../../onnx/proto';
import { Attributes } from '../attributes';
import type { GraphIndex } from './graph-index';
import type { Fusion } from './index';

type NodeProto = OnnxTypes.INodeProto;

/** The fused op: the recurrent op read batch-first, with one batch-first output. */
export const recurrentOp = (opType: string): string => `NetLoom.${opType}`;
export const RECURRENT_OPS = ['RNN', 'LSTM', 'GRU'] as const;

/**
 * ONNX's RNN/LSTM/GRU read time-major [T, N, d] and write Y [T, dirs, N, H] and Y_h [dirs, N, H].
 * PyTorch (batch_first) and NetLoom's exporter wrap them the same way:
 *   x [N, T, d] → Transpose [1, 0, 2] → op → Y → Squeeze axis 1 → Transpose [1, 0, 2]   (every step)
 *                                          → Y_h → Squeeze axis 0, or Gather index 0/−1 (last step)
 *   … → Y → Squeeze axis 1 → Transpose [1, 0, 2] → Gather axis 1 index −1  (out[:, -1, :]: last step)
 * The whole wrapping is one NetLoom layer with returnSequences true or false. A stacked nn.LSTM
 * (num_layers > 1) stays time-major between its layers: Y → Squeeze axis 1 → the next op. Such a link
 * is the lower layer's every-step output and the upper layer's input, batch-first once both are fused.
 */
export const recurrentPattern: Fusion = (root, index) => {
  const rec = recurrentProducer(root, index);
  if (!rec) return null;
  const t = index.input(rec, 0, 'Transpose');
  const fromLayerBelow = !t && stackLink(index, index.producer(rec.input?.[0], 'Squeeze'));
  if (!fromLayerBelow && (!t || !isPerm(t, [1, 0, 2]))) return null;
  const [yName, yhName, ycName] = [rec.output?.[0] ?? '', rec.output?.[1] ?? '', rec.output?.[2] ?? ''];
  if (ycName && used(index, ycName)) return null;
  const link: Found = root.opType === 'Squeeze' && stackLink(index, root) ? { out: root.output![0]!, absorbed: [root] } : undefined;
  const steps = yName && used(index, yName) ? link ?? sequenceOutput(index, yName) : undefined;
  const last = yhName && used(index, yhName) ? lastOutput(index, yhName) : undefined;
  if (steps === null || last === null || (steps && last) || (!steps && !last)) return null;
  const { out, absorbed } = (steps ?? last)!;
  if (out !== root.output?.[0]) return null;
  // PyTorch passes zero initial states made from the input's batch size, by ConstantOfShape or by
  // Expand of a zero: they are NetLoom's zero start, so they are left out (with the node making them).
  const inputs = [t ? t.input?.[0] ?? '' : rec.input?.[0] ?? '', ...(rec.input ?? []).slice(1)];
  const zeroStates: NodeProto[] = [];
  for (const i of [5, 6]) {
    const z = inputs[i] ? zeroState(index, inputs[i]!) : undefined;
    if (z) {
      inputs[i] = '';
      zeroStates.push(z);
    }
  }
  const node: NodeProto = {
    ...rec,
    opType: recurrentOp(rec.opType!),
    input: inputs,
    output: [out],
    attribute: [...(rec.attribute ?? []), { name: 'return_sequences', type: AttributeType.INT, i: steps && !steps.last ? 1 : 0 }],
  };
  return { node, absorbed: [...(t ? [t] : []), rec, ...zeroStates, ...absorbed.filter((n) => n !== root)] };
};

/** The recurrent op behind the last node of its output wrapping (Transpose ← Squeeze ← op, or Squeeze/Gather ← op). */
function recurrentProducer(root: NodeProto, index: GraphIndex): NodeProto | undefined {
  const from = (n: NodeProto | undefined) => RECURRENT_OPS.map((op) => n && index.input(n, 0, op)).find(Boolean);
  if (root.opType === 'Transpose') return from(index.input(root, 0, 'Squeeze'));
  if (root.opType === 'Squeeze') {
    const sl = index.input(root, 0, 'Slice');
    const steps = sl && index.input(sl, 0, 'Transpose');
    return from(root) ?? from(sl) ?? from(steps && index.input(steps, 0, 'Squeeze'));
  }
  if (root.opType === 'Gather') return from(root) ?? from(index.input(index.input(root, 0, 'Transpose') ?? {}, 0, 'Squeeze'));
  return undefined;
}

/**
 * Squeeze axis 1 of a recurrent op's Y whose one reader is another recurrent op's X (a stacked layer).
 * Shape may read it too (PyTorch sizes the upper layer's zero state from it): shape-of-transpose
 * permutes what it reads back to the time-major layout.
 */
export function stackLink(index: GraphIndex, sq: NodeProto | undefined): boolean {
  if (!sq || sq.opType !== 'Squeeze' || !RECURRENT_OPS.some((op) => index.input(sq, 0, op))) return false;
  const axes = squeezeAxes(index, sq);
  const r = index.readersOf(sq.output?.[0] ?? '');
  const next = r.readers.filter((n) => n.opType !== 'Shape' || n.domain);
  return !!axes && axes.length === 1 && axes[0] === 1 && !r.graphOutput && next.length === 1
    && (RECURRENT_OPS as readonly string[]).includes(next[0]!.opType ?? '') && !next[0]!.domain && next[0]!.input?.[0] === sq.output?.[0];
}

/**
 * The node making an all-zero initial state: ConstantOfShape of 0, Expand of a zero constant, or a
 * Slice of either (a stacked layer's share of PyTorch's [layers, N, H] zeros; the zeros themselves
 * are then read by nothing and left out of the import).
 */
export function zeroState(index: GraphIndex, name: string): NodeProto | undefined {
  const slice = index.producer(name, 'Slice');
  if (slice) return zeroState(index, slice.input?.[0] ?? '') ? slice : undefined;
  const z = index.producer(name, 'ConstantOfShape');
  if (z) {
    const fill = new Attributes(z.attribute).tensor('value');
    return !fill || fill.data.every((v) => v === 0) ? z : undefined;
  }
  const e = index.producer(name, 'Expand');
  const c = e && index.constant(e.input?.[0]);
  return e && c && c.data.every((v) => v === 0) ? e : undefined;
}

function used(index: GraphIndex, name: string): boolean {
  const r = index.readersOf(name);
  return r.graphOutput || r.readers.length > 0;
}

/** The one reader of `name`, when it is the only use. */
function soleReader(index: GraphIndex, name: string, opType: string): NodeProto | undefined {
  const r = index.readersOf(name);
  return !r.graphOutput && r.readers.length === 1 && r.readers[0]!.opType === opType && !r.readers[0]!.domain ? r.readers[0] : undefined;
}

export function isPerm(n: NodeProto, perm: number[]): boolean {
  const p = new Attributes(n.attribute).ints('perm');
  return !!p && p.length === perm.length && p.every((v, i) => v === perm[i]);
}

/**
 * Slice [-1:] (or [0:1]) of `axis` with step 1: on one direction's Y_h [1, N, H] (axis 0) it keeps
 * everything; on a Concat of stacked layers' Y_h the last (or the first) layer; on the batch-first
 * every-step output (axis 1) the last step. Attributes before opset 10.
 */
export function lastLayerSlice(index: GraphIndex, sl: NodeProto, axis = 0): 'last' | 'first' | null {
  const attrs = new Attributes(sl.attribute);
  const read = (i: number, name: string) => attrs.ints(name) ?? (sl.input?.[i] ? index.constant(sl.input[i]) && Array.from(index.constant(sl.input[i])!.data) : undefined);
  const [starts, ends, axes, steps] = [read(1, 'starts'), read(2, 'ends'), read(3, 'axes'), read(4, 'steps')];
  if (!starts || !ends || starts.length !== 1 || (axes ? axes.length !== 1 || axes[0] !== axis : axis !== 0) || (steps && steps[0] !== 1)) return null;
  if (starts[0] === -1 && ends[0]! >= 2 ** 31 - 1) return 'last';
  if (starts[0] === 0 && ends[0] === 1) return 'first';
  return null;
}

/** Squeeze's axes, from the attribute (before opset 13) or the constant input. */
function squeezeAxes(index: GraphIndex, n: NodeProto): number[] | undefined {
  const fromAttr = new Attributes(n.attribute).ints('axes');
  if (fromAttr) return fromAttr;
  const c = index.constant(n.input?.[1]);
  return c ? Array.from(c.data) : undefined;
}

type Found = { out: string; absorbed: NodeProto[]; last?: boolean } | null | undefined;

function sequenceOutput(index: GraphIndex, y: string): Found {
  const sq = soleReader(index, y, 'Squeeze');
  const axes = sq && squeezeAxes(index, sq);
  if (!sq || !axes || axes.length !== 1 || axes[0] !== 1) return null;
  const tr = soleReader(index, sq.output?.[0] ?? '', 'Transpose');
  if (!tr || !isPerm(tr, [1, 0, 2])) return null;
  // out[:, -1, :] on the every-step output is the last step: the layer without returnSequences.
  const g = soleReader(index, tr.output?.[0] ?? '', 'Gather');
  const i = g && new Attributes(g.attribute).int('axis', 0) === 1 ? index.constant(g.input?.[1]) : undefined;
  if (g && i && i.dims.length === 0 && i.data[0] === -1) return { out: g.output![0]!, absorbed: [sq, tr, g], last: true };
  // Opsets 9 and 10 write it as Slice [-1:] of axis 1, then Squeeze axis 1.
  const sl = soleReader(index, tr.output?.[0] ?? '', 'Slice');
  const sq1 = sl && lastLayerSlice(index, sl, 1) === 'last' ? soleReader(index, sl.output?.[0] ?? '', 'Squeeze') : undefined;
  const axes1 = sq1 && squeezeAxes(index, sq1);
  if (sl && sq1 && axes1 && axes1.length === 1 && axes1[0] === 1) return { out: sq1.output![0]!, absorbed: [sq, tr, sl, sq1], last: true };
  return { out: tr.output![0]!, absorbed: [sq, tr] };
}

function lastOutput(index: GraphIndex, yh: string): Found {
  const sq = soleReader(index, yh, 'Squeeze');
  if (sq) {
    const axes = squeezeAxes(index, sq);
    return axes && axes.length === 1 && axes[0] === 0 ? { out: sq.output![0]!, absorbed: [sq] } : null;
  }
  // Opsets 9 and 10 write h_n[-1] as Slice [-1:] on axis 0, then Squeeze axis 0.
  const sl = soleReader(index, yh, 'Slice');
  if (sl) {
    const sq0 = lastLayerSlice(index, sl) ? soleReader(index, sl.output?.[0] ?? '', 'Squeeze') : undefined;
    const axes = sq0 && squeezeAxes(index, sq0);
    return sq0 && axes && axes.length === 1 && axes[0] === 0 ? { out: sq0.output![0]!, absorbed: [sl, sq0] } : null;
  }
  const g = soleReader(index, yh, 'Gather');
  if (!g || new Attributes(g.attribute).int('axis', 0) !== 0) return null;
  const i = index.constant(g.input?.[1]);
  // One direction: index 0 and −1 are the same (and only) layer; a scalar index drops the axis.
  if (!i || i.dims.length !== 0 || (i.data[0] !== 0 && i.data[0] !== -1)) return null;
  return { out: g.output![0]!, absorbed: [g] };
}
