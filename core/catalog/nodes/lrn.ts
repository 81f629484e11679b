import { formatShape, sizeOf } from '../../util/tensor';
import type { NodeKind, ParamValues } from '../types';

/**
 * The channels around channel c that share its normalisation: ⌊(size − 1) / 2⌋ before and ⌈(size − 1) / 2⌉
 * after, as ONNX defines LRN (PyTorch's nn.LocalResponseNorm agrees for every odd size; for an even size
 * it puts the extra channel before instead).
 */
export function lrnWindow(size: number): { before: number; after: number } {
  return { before: Math.floor((size - 1) / 2), after: Math.ceil((size - 1) / 2) };
}

function settings(params: ParamValues) {
  return { size: params.size as number, alpha: params.alpha as number, beta: params.beta as number, bias: params.bias as number };
}

/**
 * Local response normalisation across channels (AlexNet, GoogLeNet v1), as ONNX's LRN and PyTorch's
 * nn.LocalResponseNorm:
 *   y_c = x_c / (bias + alpha / size · Σ_{c' near c} x_c'²)^beta
 * at every position of [C], [C, L] or [C, H, W]; channels past either end count as zeros.
 */
export const LrnNode: NodeKind = {
  type: 'LRN',
  category: 'layer',
  paletteGroup: 'Normalisation',
  title: 'Local response norm',
  explanation:
    'Divides each value by a measure of how strongly the neighbouring channels at the same spot are firing, so a channel that responds much more than its neighbours stands out and the others are damped. Early image networks such as AlexNet used it; batch norm has mostly replaced it.',
  inputs: [{ name: 'in', description: 'channels first: [C], [C, L] or [C, H, W]' }],
  outputs: [{ name: 'out', description: 'same shape, each value divided by its neighbourhood\'s strength' }],
  params: {
    size: { kind: 'int', default: 5, min: 1, max: 64, description: 'how many neighbouring channels (itself included) share each value\'s normalisation' },
    alpha: { kind: 'number', default: 1e-4, min: 0, description: 'scale of the neighbourhood\'s sum of squares (divided by size, as ONNX and PyTorch)' },
    beta: { kind: 'number', default: 0.75, min: 0, description: 'power the divisor is raised to' },
    bias: { kind: 'number', default: 1, min: 0, minExclusive: true, description: 'added before the power, so the divisor is never zero (PyTorch\'s k)' },
  },
  inferShape({ inputs }) {
    const x = inputs[0]!;
    if (x.length < 1 || x.length > 3) return { ok: false, port: 0, message: `needs channels first, [B, C], [B, C, L] or [B, C, H, W], got ${formatShape(x)}` };
    return { ok: true, shape: x };
  },
  paramTensors: () => [],
  createKernel({ params, inputShapes, maxBatch, buffers, alloc }) {
    const { size, alpha, beta, bias } = settings(params);
    const x = inputShapes[0]!;
    const C = x[0]!, S = sizeOf(x) / C, per = C * S;
    const { before, after } = lrnWindow(size);
    const scale = alpha / size;
    const { inputs: [X], output: Y, dOutput: dY, dInputs: [dX] } = buffers;
    // Kept from forward for backward: every value's divisor base bias + scale·Σx² (before the power).
    const base = alloc(maxBatch * per);
    // One position's dy·x·base^(−beta−1) per channel, the terms backward sums over a window.
    const term = alloc(C);
    return {
      forward(n) {
        for (let s = 0; s < n; s++) {
          const o = s * per;
          for (let p = 0; p < S; p++) {
            for (let c = 0; c < C; c++) {
              let sum = 0;
              const lo = Math.max(0, c - before), hi = Math.min(C - 1, c + after);
              for (let j = lo; j <= hi; j++) { const v = X![o + j * S + p]!; sum += v * v; }
              const i = o + c * S + p;
              const b = bias + scale * sum;
              base[i] = b;
              Y[i] = X![i]! * Math.pow(b, -beta);
            }
          }
        }
      },
      backward(n) {
        if (!dX) return;
        // y_c = x_c·b_c^(−β), b_c = bias + scale·Σ_{j∈W(c)} x_j², so
        // dx_j = dy_j·b_j^(−β) − 2β·scale·x_j·Σ_{c: j∈W(c)} dy_c·x_c·b_c^(−β−1).
        for (let s = 0; s < n; s++) {
          const o = s * per;
          for (let p = 0; p < S; p++) {
            for (let c = 0; c < C; c++) {
              const i = o + c * S + p;
              term[c] = dY[i]! * X![i]! * Math.pow(base[i]!, -beta - 1);
            }
            for (let j = 0; j < C; j++) {
              // j lies in W(c) when c − before ≤ j ≤ c + after.
              let acc = 0;
              const lo = Math.max(0, j - after), hi = Math.min(C - 1, j + before);
              for (let c = lo; c <= hi; c++) acc += term[c]!;
              const i = o + j * S + p;
              dX[i] += dY[i]! * Math.pow(base[i]!, -beta) - 2 * beta * scale * X![i]! * acc;
            }
          }
        }
      },
    };
  },
};
