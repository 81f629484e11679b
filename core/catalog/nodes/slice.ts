import { formatShape, sizeOf, type Shape } from '../../util/tensor';
import type { NodeKind, ShapeResult } from '../types';

/** The per-sample axis (0-based, batch left out) that `axis` names, counting the batch as 0; null if none. */
export function sliceAxis(axis: number, rank: number): number | null {
  const k = axis < 0 ? axis + rank + 1 : axis;
  return k >= 1 && k <= rank ? k - 1 : null;
}

function sliceShape(input: Shape, axis: number, start: number, end: number): ShapeResult {
  const k = sliceAxis(axis, input.length);
  if (k === null) return { ok: false, port: 0, message: `axis ${axis} is not one of the feature axes of ${formatShape(input)} (1 to ${input.length}, or -1 for the last; 0 is the batch)` };
  const n = input[k]!;
  if (start < 0 || end > n || start >= end) return { ok: false, port: 0, message: `keeps positions ${start} to ${end} (end excluded) of axis ${k + 1}, which has ${n} (0 to ${n}); start must be below end` };
  return { ok: true, shape: input.map((d, i) => (i === k ? end - start : d)) };
}

/**
 * Keeps positions start…end−1 of one axis (the last by default), as PyTorch's x.narrow / x[:, a:b]:
 * ShuffleNet splits its channels in two this way. Forward copies the kept blocks; backward adds the
 * gradient back into them, leaving the cut positions with none.
 */
export const SliceNode: NodeKind = {
  type: 'Slice',
  category: 'layer',
  paletteGroup: 'Shape',
  title: 'Slice',
  explanation:
    'Keeps a range of one axis and drops the rest, such as the first half of the channels of a feature map, or the last few features of a vector. Wire two Slices to the same input to split it into parts that go different ways.',
  inputs: [{ name: 'in', description: 'a tensor with the axis to cut' }],
  outputs: [{ name: 'out', description: 'the same tensor with only positions start to end − 1 of that axis' }],
  params: {
    axis: { kind: 'int', default: -1, min: -6, max: 6, description: 'the axis to cut, counting the batch as 0 (as PyTorch): -1 is the last, 1 the channels of [C, H, W]' },
    start: { kind: 'int', default: 0, min: 0, max: 1 << 20, description: 'first position kept (from 0)' },
    end: { kind: 'int', default: 1, min: 1, max: 1 << 20, description: 'first position dropped after the kept range (end excluded)' },
  },
  inferShape: ({ params, inputs }) => sliceShape(inputs[0]!, params.axis as number, params.start as number, params.end as number),
  paramTensors: () => [],
  createKernel({ params, inputShapes, outputShape, buffers }) {
    const input = inputShapes[0]!;
    const k = sliceAxis(params.axis as number, input.length)!;
    const start = params.start as number;
    // Per example: `outer` blocks; each input block is n·inner values, of which len·inner are kept.
    const outer = sizeOf(input.slice(0, k));
    const inner = sizeOf(input.slice(k + 1));
    const inBlock = input[k]! * inner;
    const outBlock = outputShape[k]! * inner;
    const [inSize, outSize] = [sizeOf(input), sizeOf(outputShape)];
    const { inputs: [X], output: Y, dOutput: dY, dInputs: [dX] } = buffers;
    return {
      forward(n) {
        for (let s = 0; s < n; s++) {
          for (let o = 0; o < outer; o++) {
            const from = s * inSize + o * inBlock + start * inner;
            const to = s * outSize + o * outBlock;
            for (let j = 0; j < outBlock; j++) Y[to + j] = X![from + j]!;
          }
        }
      },
      backward(n) {
        if (!dX) return;
        for (let s = 0; s < n; s++) {
          for (let o = 0; o < outer; o++) {
            const from = s * inSize + o * inBlock + start * inner;
            const to = s * outSize + o * outBlock;
            for (let j = 0; j < outBlock; j++) dX[from + j] += dY[to + j]!;
          }
        }
      },
    };
  },
};
