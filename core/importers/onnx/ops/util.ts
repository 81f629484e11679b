import { formatShape } from '../../../util/tensor';
import type { ConstTensor } from '../tensor';
import type { LiveValue, MapContext, Value } from '../values';

/** The live (computed) input at `i`, or undefined when it is a constant or absent. */
export function liveInput(ctx: MapContext, i: number): LiveValue | undefined {
  const v = ctx.inputs[i];
  return v?.kind === 'live' ? v : undefined;
}

export function constInput(ctx: MapContext, i: number): ConstTensor | undefined {
  const v = ctx.inputs[i];
  return v?.kind === 'const' ? v.tensor : undefined;
}

/** ONNX axes count the batch; a NetLoom shape does not. Normalises a (possibly negative) axis. */
export function onnxAxis(axis: number, x: LiveValue): number {
  const rank = x.shape.length + 1;
  return axis < 0 ? axis + rank : axis;
}

export const fullShape = (x: LiveValue): string => formatShape(x.shape);

/** A value that carries nothing NetLoom uses (an unused optional output). */
export const NOTHING: Value = { kind: 'poison' };

/** Each of the op's outputs after the first must be unused, or the import would lose it. */
export function extraOutputsUnused(ctx: MapContext, what: string): string | null {
  for (const name of ctx.node.outputs.slice(1)) {
    if (name && ctx.consumerCount(name) > 0) return `its output "${name}" (${what}) is used, which NetLoom cannot provide`;
  }
  return null;
}

/** One mapped output, or the refusal reason when emitting it failed. */
export const one = (out: LiveValue | string): Value[] | string => (typeof out === 'string' ? out : [out]);

/**
 * The `axes` of a reduce or squeeze node: input 1 from `inputFromOpset` on (it must be a constant),
 * the `axes` attribute before. Undefined when absent (all axes); a string is the refusal reason.
 */
export function axesOf(ctx: MapContext, inputFromOpset: number): number[] | undefined | string {
  if (ctx.opset < inputFromOpset) return ctx.attrs.ints('axes');
  const a = ctx.inputs[1];
  if (a && a.kind !== 'const') return 'axes must be a constant';
  return a?.kind === 'const' ? Array.from(a.tensor.data) : undefined;
}
