import type { OpMapper, Value, WeightData } from '../values';
import { constInput, fullShape, liveInput } from './util';

/** Mappers for the one-node forms the fusions (../fusions) make of multi-op spellings. */

const activation = (fn: string): OpMapper => (ctx) => {
  const x = liveInput(ctx, 0);
  if (!x) return 'needs a computed input';
  const out = ctx.emit('Activation', { fn }, [x]);
  return typeof out === 'string' ? out : [out];
};

export const step = activation('step');
export const crelu = activation('crelu');

const matrix = (ctx: Parameters<OpMapper>[0], i: number): WeightData | undefined => {
  const t = constInput(ctx, i);
  return t && t.dims.length === 2 ? { dims: t.dims, data: t.data } : undefined;
};

/** [x, Ŵ, M̂, G] → NALU. */
export const nalu: OpMapper = (ctx) => {
  const x = liveInput(ctx, 0);
  const [W_hat, M_hat, G] = [matrix(ctx, 1), matrix(ctx, 2), matrix(ctx, 3)];
  if (!x || !W_hat || !M_hat || !G) return 'needs the data and three constant matrices';
  const out = ctx.emit('NALU', { units: G.dims[1]! }, [x], { W_hat, M_hat, G });
  return typeof out === 'string' ? out : [out];
};

/** [x, Wq, bq, Wk, bk, Wv, bv, Wo, bo] with attributes heads, causal → SelfAttention. */
export const selfAttention: OpMapper = (ctx) => {
  const x = liveInput(ctx, 0);
  if (!x) return 'needs a computed input';
  const names = ['Wq', 'bq', 'Wk', 'bk', 'Wv', 'bv', 'Wo', 'bo'];
  const weights: Record<string, WeightData> = {};
  for (let i = 0; i < names.length; i++) {
    const t = constInput(ctx, i + 1);
    if (!t) return `${names[i]} must be a constant`;
    weights[names[i]!] = { dims: t.dims, data: t.data };
  }
  const dModel = weights.Wq!.dims[1];
  if (dModel === undefined || x.shape.length !== 2) return `needs a sequence [B, T, d], got ${fullShape(x)}`;
  const out = ctx.emit('SelfAttention', { heads: ctx.attrs.int('heads', 1), dModel, causal: ctx.attrs.int('causal', 0) === 1 }, [x], weights);
  return typeof out === 'string' ? out : ([out] as Value[]);
};
