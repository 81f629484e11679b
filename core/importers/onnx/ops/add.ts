import { broadcastPair } from '../../../catalog/nodes/elementwise-pair';
import type { ConstTensor } from '../tensor';
import type { LiveValue, MapContext, OpMapper, Value } from '../values';
import { biasValues } from './dense';
import { constInput, fullShape, liveInput } from './util';

/**
 * Add of two computed tensors → Add. Add of a constant to a bias-less Dense that nothing else reads
 * (MatMul + Add, as PyTorch and NetLoom export Linear on sequences) → the Dense's bias.
 */
export const add: OpMapper = (ctx) => {
  const a = liveInput(ctx, 0);
  const b = liveInput(ctx, 1);
  if (a && b) return addLive(ctx, a, b);
  const x = a ?? b;
  const c = a ? constInput(ctx, 1) : constInput(ctx, 0);
  if (!x || !c) return 'needs at least one computed input';
  const xName = ctx.node.inputs[a ? 0 : 1]!;
  const folded = ctx.consumerCount(xName) === 1 ? intoBias(ctx, x, c) : null;
  if (folded) return folded;
  if (c.data.every((v) => v === 0)) return [x];
  return 'adding a constant is only supported as the bias of the Dense (MatMul/Gemm) or Conv right before it';
};

/**
 * A constant added to the output of a Dense or Conv that nothing else reads is part of its bias
 * (PyTorch's MatMul + Add; the model zoo's Conv + Add of a [C, 1, 1] initializer): it is summed into
 * the bias (the layer gets one if it had none). Null when the constant is not one value per output.
 */
function intoBias(ctx: MapContext, x: LiveValue, c: ConstTensor): Value[] | string | null {
  const producer = ctx.paramsOf(x.node);
  if (!producer) return null;
  let units: number;
  let bias: Float64Array | null;
  if (producer.type === 'Dense') {
    units = producer.params.units as number;
    bias = biasValues(c, units);
  } else if (producer.type === 'Conv2D' || producer.type === 'Conv1D') {
    units = producer.params.filters as number;
    // Channels-first: one value per channel, broadcast over the spatial axes ([C, 1, 1], [1, C, 1, 1]…).
    const spatial = x.shape.length - 1;
    const perChannel = c.dims.length >= spatial + 1 && c.dims.slice(-spatial).every((d) => d === 1) && c.dims[c.dims.length - spatial - 1] === units
      && c.dims.slice(0, -spatial - 1).every((d) => d === 1);
    bias = perChannel ? Float64Array.from(c.data) : c.data.length === 1 ? new Float64Array(units).fill(c.data[0]!) : null;
  } else return null;
  if (!bias) return `the constant of shape [${c.dims.join(', ')}] is not one bias per output of "${x.node}" (${units})`;
  const old = producer.params.bias === true ? ctx.weightOf(x.node, 'b') : undefined;
  if (producer.params.bias === true && !old) return null;
  if (old) for (let i = 0; i < units; i++) bias[i]! += old.data[i]!;
  ctx.update(x.node, { ...producer.params, bias: true }, { b: { dims: [units], data: bias } });
  return [x];
}

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
