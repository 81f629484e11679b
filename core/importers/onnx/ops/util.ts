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
