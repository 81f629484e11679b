import { sameShape } from '../../../util/tensor';
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
  const producer = ctx.paramsOf(x.node);
  if (producer?.type === 'Dense' && producer.params.bias === false && ctx.consumerCount(xName) === 1) {
    const units = producer.params.units as number;
    const bias = biasValues(c, units);
    if (!bias) return `the constant of shape [${c.dims.join(', ')}] is not one bias per output of "${x.node}" (${units})`;
    ctx.update(x.node, { ...producer.params, bias: true }, { b: { dims: [units], data: bias } });
    return [x];
  }
  if (c.data.every((v) => v === 0)) return [x];
  return 'adding a constant is only supported as the bias right after a MatMul';
};

function addLive(ctx: MapContext, a: LiveValue, b: LiveValue): Value[] | string {
  if (!sameShape(a.shape, b.shape)) return `broadcasting is not supported: inputs are ${fullShape(a)} and ${fullShape(b)}`;
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
