import { broadcastPair } from '../../../catalog/nodes/elementwise-pair';
import { sameShape } from '../../../util/tensor';
import type { LiveValue, MapContext, OpMapper, Value } from '../values';
import { scaleLayer } from './into-layer';
import { axesOf, constInput, fullShape, liveInput, one } from './util';

/** Transpose that keeps the batch first → Permute (its axes are ONNX's perm without the batch). */
export const transpose: OpMapper = (ctx) => {
  const x = liveInput(ctx, 0);
  if (!x) return 'needs a computed input';
  const rank = x.shape.length + 1;
  const perm = ctx.attrs.ints('perm') ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
  if (perm.length !== rank) return `perm [${perm.join(', ')}] does not fit the input ${fullShape(x)}`;
  if (perm[0] !== 0) return `perm [${perm.join(', ')}] moves the batch axis; NetLoom's Permute keeps the batch first`;
  const axes = perm.slice(1);
  if (axes.every((a, i) => a === i + 1)) return [x];
  return one(ctx.emit('Permute', { axes }, [x]));
};

/** Mul of two computed tensors (of one shape, or broadcast over size-1 axes) → Multiply; by a constant 1 it is dropped. */
export const mul: OpMapper = (ctx) => {
  const a = liveInput(ctx, 0);
  const b = liveInput(ctx, 1);
  if (a && b) {
    if (!broadcastPair(a.shape, b.shape)) return `inputs ${fullShape(a)} and ${fullShape(b)} do not broadcast the way NetLoom's Multiply does (one rank, each axis equal or 1 in one of them)`;
    return one(ctx.emit('Multiply', {}, [a, b]));
  }
  const x = a ?? b;
  const c = a ? constInput(ctx, 1) : constInput(ctx, 0);
  if (x && c && c.data.every((v) => v === 1)) return [x];
  const folded = x && c ? scaleLayer(ctx, x, c) : null;
  if (folded) return folded;
  return 'multiplying by a constant is only supported right after a Dense, Conv or BatchNorm that nothing else reads (folded into its weights; one value per output, or one for all); NetLoom\'s Multiply takes two computed tensors';
};

/** Squeeze/Unsqueeze of a computed tensor (axes never the batch) → Reshape, or nothing when unchanged. */
function changeUnitAxes(squeeze: boolean): OpMapper {
  return (ctx: MapContext) => {
    const x = liveInput(ctx, 0);
    if (!x) return 'needs a computed input';
    const axes = axesOf(ctx, 13);
    if (typeof axes === 'string') return axes;
    const full = [NaN, ...x.shape];
    let out: number[];
    if (squeeze) {
      const drop = (axes ?? full.map((d, i) => (d === 1 ? i : -1)).filter((i) => i >= 0)).map((a) => (a < 0 ? a + full.length : a));
      if (drop.includes(0)) return 'squeezes the batch axis';
      if (drop.some((a) => full[a] !== 1)) return `axes [${axes?.join(', ')}] of ${fullShape(x)} are not all of size 1`;
      out = full.filter((_, i) => !drop.includes(i));
      if (x.flat && sameShape(out.slice(1), x.flat.shape)) return [{ kind: 'live', node: x.flat.node, shape: x.flat.shape }];
    } else {
      if (!axes) return 'has no axes';
      const rank = full.length + axes.length;
      const add = axes.map((a) => (a < 0 ? a + rank : a));
      if (add.includes(0)) return 'inserts an axis before the batch';
      out = [];
      for (let i = 0, j = 0; i < rank; i++) out.push(add.includes(i) ? 1 : full[j++]!);
    }
    const shape = out.slice(1);
    if (sameShape(shape, x.shape)) return [x];
    // Squeezing the model's output to [N]: every NetLoom tensor keeps a feature axis, so the output
    // stays [N, 1] (the same values; the import reports it).
    if (shape.length === 0 && squeeze && ctx.node.outputs.length === 1 && ctx.onlyGraphOutput(ctx.node.outputs[0]!)) return [x];
    if (shape.length === 0) return `would leave only the batch axis of ${fullShape(x)}`;
    return one(ctx.emit('Reshape', { shape }, [x]));
  };
}

export const squeeze = changeUnitAxes(true);
export const unsqueeze = changeUnitAxes(false);

/**
 * Gather → Embedding when it looks up computed token ids in a constant table [V, dim]; or, when it
 * picks constant positions of a computed tensor (PyTorch's out[:, -1, :] writes Gather axis 1 with a
 * scalar index), → a Slice of that axis, then a Reshape dropping it for a scalar index.
 */
export const gather: OpMapper = (ctx) => {
  const table = constInput(ctx, 0);
  const ids = liveInput(ctx, 1);
  const data = liveInput(ctx, 0);
  const picks = constInput(ctx, 1);
  if (data && picks) return pickPositions(ctx, data, picks);
  if (!table || !ids) return 'is supported as a lookup of computed token ids in a constant weight table (an embedding), or as picking constant positions of a computed tensor';
  const axis = ctx.attrs.int('axis', 0);
  if (axis !== 0) return `gathers along axis ${axis}; an embedding looks up rows (axis 0)`;
  if (table.dims.length !== 2) return `the table has shape [${table.dims.join(', ')}], not [vocabulary, dim]`;
  const [vocabSize, dim] = table.dims as [number, number];
  return one(ctx.emit('Embedding', { vocabSize, dim }, [ids], { W: { dims: [vocabSize, dim], data: table.data } }));
};

/** Constant indices into one feature axis of x: a scalar, or a run of consecutive positions. */
function pickPositions(ctx: MapContext, x: LiveValue, picks: { dims: number[]; data: ArrayLike<number> }): Value[] | string {
  const rank = x.shape.length + 1;
  const raw = ctx.attrs.int('axis', 0);
  const axis = raw < 0 ? raw + rank : raw;
  if (axis < 1 || axis >= rank) return `picks along the batch axis (axis ${raw}) of ${fullShape(x)}; NetLoom keeps every example`;
  const n = x.shape[axis - 1]!;
  const at = Array.from(picks.data, (i) => (i < 0 ? i + n : i));
  if (at.some((i) => i < 0 || i >= n)) return `index [${Array.from(picks.data).join(', ')}] is outside axis ${axis} of ${fullShape(x)}`;
  if (picks.dims.length > 1 || at.length === 0 || at.some((i, k) => i !== at[0]! + k)) {
    return `indices [${Array.from(picks.data).join(', ')}] along axis ${axis}: NetLoom picks one position or a run of consecutive ones (a Slice)`;
  }
  const kept = at.length === n ? x : ctx.emit('Slice', { axis, start: at[0]!, end: at[0]! + at.length }, [x]);
  if (typeof kept === 'string' || picks.dims.length === 1) return one(kept);
  // A scalar index drops the axis.
  const shape = x.shape.filter((_, i) => i !== axis - 1);
  if (shape.length === 0) return `would leave only the batch axis of ${fullShape(x)}`;
  return one(ctx.emit('Reshape', { shape }, [kept]));
}
