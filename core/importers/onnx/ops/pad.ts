import type { OpMapper } from '../values';
import { liveInput } from './util';

/**
 * A Pad of a computed tensor that the fusion did not fold into the Conv or AveragePool after it
 * (../fusions/pad). With every pad 0 it changes nothing (PyTorch writes one before a ceil-mode
 * AvgPool2d) and is dropped; any other is refused: NetLoom pads only inside a window op.
 */
export const pad: OpMapper = (ctx) => {
  const x = liveInput(ctx, 0);
  if (!x) return 'needs a computed input';
  const given = ctx.opset >= 11 ? ctx.inputs[1] : undefined;
  if (given && given.kind !== 'const') return 'pads must be a constant';
  const pads = given?.kind === 'const' ? Array.from(given.tensor.data) : ctx.attrs.ints('pads') ?? [];
  if (pads.every((p) => p === 0)) return [x];
  return `pads [${pads.join(', ')}]: NetLoom pads only inside a Conv or pooling window (a zero Pad of the spatial axes right before a Conv or AveragePool becomes its padding)`;
};
