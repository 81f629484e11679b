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
 * The whole wrapping is one NetLoom layer with returnSequences true or false.
 */
export const recurrentPattern: Fusion = (root, index) => {
  const rec = recurrentProducer(root, index);
  if (!rec) return null;
  const t = index.input(rec, 0, 'Transpose');
  if (!t || !isPerm(t, [1, 0, 2])) return null;
  const [yName, yhName, ycName] = [rec.output?.[0] ?? '', rec.output?.[1] ?? '', rec.output?.[2] ?? ''];
  if (ycName && used(index, ycName)) return null;
  const steps = yName && used(index, yName) ? sequenceOutput(index, yName) : undefined;
  const last = yhName && used(index, yhName) ? lastOutput(index, yhName) : undefined;
  if (steps === null || last === null || (steps && last) || (!steps && !last)) return null;
  const { out, absorbed } = (steps ?? last)!;
  if (out !== root.output?.[0]) return null;
  // PyTorch passes zero initial states made by ConstantOfShape from the input's (dynamic) batch size:
  // they are NetLoom's zero start, so they are left out (and their ConstantOfShape goes with them).
  const inputs = [t.input?.[0] ?? '', ...(rec.input ?? []).slice(1)];
  const zeroStates: NodeProto[] = [];
  for (const i of [5, 6]) {
    const z = inputs[i] ? index.producer(inputs[i], 'ConstantOfShape') : undefined;
    const fill = z && new Attributes(z.attribute).tensor('value');
    if (z && (!fill || fill.data.every((v) => v === 0))) {
      inputs[i] = '';
      zeroStates.push(z);
    }
  }
  const node: NodeProto = {
    ...rec,
    opType: recurrentOp(rec.opType!),
    input: inputs,
    output: [out],
    attribute: [...(rec.attribute ?? []), { name: 'return_sequences', type: AttributeType.INT, i: steps ? 1 : 0 }],
  };
  return { node, absorbed: [t, rec, ...zeroStates, ...absorbed.filter((n) => n !== root)] };
};

/** The recurrent op behind the last node of its output wrapping (Transpose ← Squeeze ← op, or Squeeze/Gather ← op). */
function recurrentProducer(root: NodeProto, index: GraphIndex): NodeProto | undefined {
  const from = (n: NodeProto | undefined) => RECURRENT_OPS.map((op) => n && index.input(n, 0, op)).find(Boolean);
  if (root.opType === 'Transpose') return from(index.input(root, 0, 'Squeeze'));
  if (root.opType === 'Squeeze' || root.opType === 'Gather') return from(root);
  return undefined;
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

function isPerm(n: NodeProto, perm: number[]): boolean {
  const p = new Attributes(n.attribute).ints('perm');
  return !!p && p.length === perm.length && p.every((v, i) => v === perm[i]);
}

/** Squeeze's axes, from the attribute (before opset 13) or the constant input. */
function squeezeAxes(index: GraphIndex, n: NodeProto): number[] | undefined {
  const fromAttr = new Attributes(n.attribute).ints('axes');
  if (fromAttr) return fromAttr;
  const c = index.constant(n.input?.[1]);
  return c ? Array.from(c.data) : undefined;
}

type Found = { out: string; absorbed: NodeProto[] } | null | undefined;

function sequenceOutput(index: GraphIndex, y: string): Found {
  const sq = soleReader(index, y, 'Squeeze');
  const axes = sq && squeezeAxes(index, sq);
  if (!sq || !axes || axes.length !== 1 || axes[0] !== 1) return null;
  const tr = soleReader(index, sq.output?.[0] ?? '', 'Transpose');
  if (!tr || !isPerm(tr, [1, 0, 2])) return null;
  return { out: tr.output![0]!, absorbed: [sq, tr] };
}

function lastOutput(index: GraphIndex, yh: string): Found {
  const sq = soleReader(index, yh, 'Squeeze');
  if (sq) {
    const axes = squeezeAxes(index, sq);
    return axes && axes.length === 1 && axes[0] === 0 ? { out: sq.output![0]!, absorbed: [sq] } : null;
  }
  const g = soleReader(index, yh, 'Gather');
  if (!g || new Attributes(g.attribute).int('axis', 0) !== 0) return null;
  const i = index.constant(g.input?.[1]);
  // One direction: index 0 and −1 are the same (and only) layer; a scalar index drops the axis.
  if (!i || i.dims.length !== 0 || (i.data[0] !== 0 && i.data[0] !== -1)) return null;
  return { out: g.output![0]!, absorbed: [g] };
}
