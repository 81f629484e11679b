import { formatShape, sizeOf } from '../../util/tensor';
import type { NodeKind } from '../types';

/** Averages every channel over all its positions: [C, ...spatial] → [C], as PyTorch's AdaptiveAvgPool to 1 then flatten. */
export const GlobalAvgPoolNode: NodeKind = {
  type: 'GlobalAvgPool',
  category: 'layer',
  paletteGroup: 'Pooling',
  title: 'Global average pool',
  explanation:
    'Replaces each whole feature map by its average, leaving one number per channel. It answers "how much of this feature is anywhere in the image?" and works for any image size, with no weights.',
  inputs: [{ name: 'in', description: 'feature maps [C, L] or [C, H, W]' }],
  outputs: [{ name: 'out', description: 'one average per channel, [C]' }],
  params: {},
  inferShape({ inputs }) {
    const x = inputs[0]!;
    if (x.length < 2) {
      return { ok: false, port: 0, message: `averages each channel over its positions, so it needs [B, C, L] or [B, C, H, W], got ${formatShape(x)}` };
    }
    return { ok: true, shape: [x[0]!] };
  },
  paramTensors: () => [],
  createKernel({ inputShapes, buffers }) {
    const x = inputShapes[0]!;
    const C = x[0]!;
    const P = sizeOf(x) / C;
    const inv = 1 / P;
    const { inputs: [X], output: Y, dOutput: dY, dInputs: [dX] } = buffers;
    return {
      forward(n) {
        for (let r = 0; r < n * C; r++) {
          let s = 0;
          const o = r * P;
          for (let p = 0; p < P; p++) s += X![o + p]!;
          Y[r] = s * inv;
        }
      },
      backward(n) {
        if (!dX) return;
        for (let r = 0; r < n * C; r++) {
          const g = dY[r]! * inv, o = r * P;
          for (let p = 0; p < P; p++) dX[o + p] += g;
        }
      },
    };
  },
};
