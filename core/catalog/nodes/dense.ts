import { gemmFor } from '../../kernels/gemm';
import { formatShape, sizeOf } from '../../util/tensor';
import type { InitName, NodeKind } from '../types';

export const DENSE_INITS: readonly InitName[] = [
  'xavier_uniform', 'xavier_normal', 'he_uniform', 'he_normal', 'lecun_normal', 'normal', 'zeros',
];

/**
 * Fully connected layer on the last axis: y = x·W + b with W stored `[in][out]` row-major.
 * On a sequence `[T, d]` it applies the same W to every position, as PyTorch's Linear does.
 */
export const DenseNode: NodeKind = {
  type: 'Dense',
  category: 'layer',
  title: 'Dense',
  explanation:
    'Every output is a weighted sum of all inputs plus a bias. Training adjusts the weights; on its own a stack of Dense layers can only draw straight lines — an activation between them is what lets it bend.',
  inputs: [{ name: 'in', description: 'features on the last axis' }],
  outputs: [{ name: 'out', description: '`units` features' }],
  params: {
    units: { kind: 'int', default: 8, min: 1, max: 65536, description: 'number of outputs (neurons)' },
    bias: { kind: 'boolean', default: true, description: 'add a learned bias to each output' },
    init: { kind: 'enum', default: 'xavier_uniform', options: DENSE_INITS, description: 'how the weights start' },
  },
  inferShape({ params, inputs }) {
    const x = inputs[0]!;
    if (x.length === 0) return { ok: false, message: 'needs at least one feature axis', port: 0 };
    // A sequence [T, d] is fine (the same weights at every position); an image is almost always a missing Flatten.
    if (x.length >= 3) {
      return {
        ok: false,
        port: 0,
        message: `works on a flat list of features, but gets the image-like ${formatShape(x)}; put a Flatten (or a GlobalAvgPool) before it`,
      };
    }
    return { ok: true, shape: [...x.slice(0, -1), params.units as number] };
  },
  paramTensors({ params, inputs }) {
    const x = inputs[0]!;
    const inF = x[x.length - 1]!;
    const units = params.units as number;
    const specs = [{ name: 'W', shape: [inF, units], init: params.init as InitName, fanIn: inF, fanOut: units, decay: true }];
    if (params.bias) specs.push({ name: 'b', shape: [units], init: 'zeros', fanIn: inF, fanOut: units, decay: false });
    return specs;
  },
  createKernel({ inputShapes, params, buffers }) {
    const x = inputShapes[0]!;
    const K = x[x.length - 1]!;
    const rowsPerSample = sizeOf(x) / K;
    const N = params.units as number;
    const hasBias = params.bias as boolean;
    const { inputs: [X], output: Y, params: [W, b], dOutput: dY, dInputs: [dX], dParams: [dW, db] } = buffers;
    // The SIMD kernels when all buffers live in the executor's wasm arena, the TS reference otherwise.
    const g = gemmFor(X, W, b, Y, dY, dX, dW, db);
    return {
      forward(n) {
        const M = n * rowsPerSample;
        if (hasBias) g.affine(X!, W!, b!, Y, M, K, N);
        else g.mm(X!, 0, W!, 0, Y, 0, M, K, N, false);
      },
      backward(n) {
        const M = n * rowsPerSample;
        g.mmTA(X!, 0, dY, 0, dW!, 0, M, K, N, true);
        if (hasBias) g.colsum(dY, db!, M, N);
        if (dX) g.mmTB(dY, 0, W!, 0, dX, 0, M, N, K, true);
      },
    };
  },
};
