import type { ParamValues } from '../../../catalog/types';
import type { ConstTensor } from '../tensor';
import type { LiveValue, MapContext, Value } from '../values';
import { biasValues } from './dense';

/**
 * A constant added to, or multiplied with, the output of a Dense, Conv or BatchNorm that nothing else
 * reads is folded into that layer, exactly: Add into its bias (PyTorch's MatMul + Add; the model zoo's
 * Conv + Add of a [C, 1, 1] initializer), Mul into its weights and bias (a BatchNorm written out as
 * Conv → Mul → Add by some converters). The constant must hold one value per output (per channel for
 * the channels-first layers) or be a scalar; otherwise null, and the caller refuses.
 */
type Layer = { kind: 'Dense' | 'Conv' | 'BatchNorm'; units: number; params: ParamValues };

function layerOf(ctx: MapContext, x: LiveValue): Layer | null {
  const p = ctx.paramsOf(x.node);
  if (!p || ctx.readersOfNode(x.node) !== 1) return null;
  if (p.type === 'Dense') return { kind: 'Dense', units: p.params.units as number, params: p.params };
  if (p.type === 'Conv2D' || p.type === 'Conv1D') return { kind: 'Conv', units: p.params.filters as number, params: p.params };
  if (p.type === 'BatchNorm' && p.params.affine !== false) return { kind: 'BatchNorm', units: x.shape[0]!, params: p.params };
  return null;
}

/** One value per output of the layer, from a scalar or a constant shaped to broadcast over x that way. */
function perOutput(layer: Layer, x: LiveValue, c: ConstTensor): Float64Array | null {
  if (c.data.length === 1) return new Float64Array(layer.units).fill(c.data[0]!);
  if (layer.kind === 'Dense') return biasValues(c, layer.units);
  // Channels-first: [C, 1, 1] (any leading 1s) against [C, H, W]; [C] against a BatchNorm's [C].
  const spatial = x.shape.length - 1;
  const d = c.dims;
  const ok = d.length >= spatial + 1 && d.slice(d.length - spatial).every((v) => v === 1) && d[d.length - spatial - 1] === layer.units
    && d.slice(0, d.length - spatial - 1).every((v) => v === 1);
  return ok ? Float64Array.from(c.data) : null;
}

/** x + c folded into the layer producing x; null when it is not such a layer or c does not fit. */
export function addIntoLayer(ctx: MapContext, x: LiveValue, c: ConstTensor): Value[] | null {
  const layer = layerOf(ctx, x);
  const values = layer && perOutput(layer, x, c);
  if (!layer || !values) return null;
  const name = layer.kind === 'BatchNorm' ? 'beta' : 'b';
  const had = layer.kind === 'BatchNorm' || layer.params.bias === true;
  const old = had ? ctx.weightOf(x.node, name) : undefined;
  if (had && !old) return null;
  if (old) for (let i = 0; i < layer.units; i++) values[i]! += old.data[i]!;
  ctx.update(x.node, layer.kind === 'BatchNorm' ? layer.params : { ...layer.params, bias: true }, { [name]: { dims: [layer.units], data: values } });
  return [x];
}

/** x · c folded into the layer producing x (weights and bias of each output scaled); null when it cannot be. */
export function scaleLayer(ctx: MapContext, x: LiveValue, c: ConstTensor): Value[] | null {
  const layer = layerOf(ctx, x);
  const s = layer && perOutput(layer, x, c);
  if (!layer || !s) return null;
  const scaled = (name: string, perRow: boolean) => {
    const w = ctx.weightOf(x.node, name);
    if (!w) return undefined;
    const data = Float64Array.from(w.data);
    const inner = data.length / layer.units;
    // Dense weights are [in][out] (the output is the column); conv filters [F, …] and vectors [F] are rows.
    for (let i = 0; i < data.length; i++) data[i]! *= s[perRow ? Math.floor(i / inner) : i % layer.units]!;
    return { dims: [...w.dims], data };
  };
  const names = layer.kind === 'BatchNorm' ? ['gamma', 'beta'] : ['W', ...(layer.params.bias === true ? ['b'] : [])];
  const weights: Record<string, { dims: number[]; data: Float64Array }> = {};
  for (const name of names) {
    const w = scaled(name, !(layer.kind === 'Dense' && name === 'W'));
    if (!w) return null;
    weights[name] = w;
  }
  ctx.update(x.node, layer.params, weights);
  return [x];
}

/**
 * Sub(x, c) and Div(x, c) of a computed x and a constant c: x + (−c) and x · (1/c), folded into the
 * layer before x as Add and Mul are (a BatchNorm written out as Sub mean, Div std after a Conv).
 */
export function subOrDivConstant(op: 'Sub' | 'Div') {
  return (ctx: MapContext): Value[] | string => {
    const x = ctx.inputs[0];
    const c = ctx.inputs[1];
    if (x?.kind !== 'live' || c?.kind !== 'const') {
      return `is supported as a computed tensor ${op === 'Sub' ? 'minus' : 'divided by'} a constant, folded into the Dense, Conv or BatchNorm before it (NetLoom has no ${op === 'Sub' ? 'Subtract' : 'Divide'} node)`;
    }
    const inverse = { ...c.tensor, data: c.tensor.data.map((v) => (op === 'Sub' ? -v : 1 / v)) };
    const folded = op === 'Sub' ? addIntoLayer(ctx, x, inverse) : scaleLayer(ctx, x, inverse);
    if (folded) return folded;
    if (inverse.data.every((v) => v === (op === 'Sub' ? 0 : 1))) return [x];
    return `${op === 'Sub' ? 'subtracting' : 'dividing by'} a constant is only supported right after a Dense, Conv or BatchNorm that nothing else reads (one value per output, or one for all)`;
  };
}
