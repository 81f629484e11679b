import { broadcastPair } from '../../../catalog/nodes/elementwise-pair';
import type { LiveValue, MapContext, OpMapper, Value } from '../values';
import { addIntoLayer } from './into-layer';
import { constInput, fullShape, liveInput } from './util';

/**
 * Add of two computed tensors → Add. Add of a constant to the output of a Dense, Conv or BatchNorm
 * that nothing else reads (MatMul + Add, as PyTorch and NetLoom export Linear on sequences) → its bias.
 */
export const add: OpMapper = (ctx) => {
  const a = liveInput(ctx, 0);
  const b = liveInput(ctx, 1);
  if (a && b) return addLive(ctx, a, b);
  const x = a ?? b;
  const c = a ? constInput(ctx, 1) : constInput(ctx, 0);
  if (!x || !c) return 'needs at least one computed input';
  const folded = addIntoLayer(ctx, x, c);
  if (folded) return folded;
  if (c.data.every((v) => v === 0)) return [x];
  return 'adding a constant is only supported into the bias of the Dense (MatMul/Gemm), Conv or BatchNorm right before it (one value per output, or one for all)';
};

function addLive(ctx: MapContext, a: LiveValue, b: LiveValue): Value[] | string {
  if (!broadcastPair(a.shape, b.shape)) return `inputs ${fullShape(a)} and ${fullShape(b)} do not broadcast the way NetLoom's Add does (one rank, each axis equal or 1 in one of them)`;
  const out = ctx.emit('Add', {}, [a, b]);
  return typeof out === 'string' ? out : [out];
}

/** Sum of several tensors → a chain of Adds (one tensor: passed through). */
export const sum: OpMapper = (ctx) => {
  const xs = ctx.inputs.map((v, i) => (v?.kind === 'live' ? v : i));
  const bad = xs.find((v) => typeof v === 'number');
  if (bad !== undefined) return `input ${bad} is a constant; Sum is supported over computed tensors only`;
  let acc = xs[0] as LiveValue;
  for (const next of xs.slice(1) as LiveValue[]) {
    const r = addLive(ctx, acc, next);
    if (typeof r === 'string') return r;
    acc = r[0] as LiveValue;
  }
  return [acc];
};
