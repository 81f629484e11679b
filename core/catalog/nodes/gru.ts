import { wasmKernelsFor } from '../../kernels/gemm';
import type { Buf } from '../../util/tensor';
import type { NodeKind } from '../types';
import { RECURRENT_PARAMS, recurrentKernel, recurrentParamTensors, recurrentShape, sigmoid } from './recurrent-common';

/**
 * Gated recurrent unit, as PyTorch's nn.GRU (one layer, batch_first, gate blocks in the order r, z, n):
 *   r = σ(x·W_irᵀ + b_ir + h·W_hrᵀ + b_hr)
 *   z = σ(x·W_izᵀ + b_iz + h·W_hzᵀ + b_hz)
 *   n = tanh(x·W_inᵀ + b_in + r ⊙ (h·W_hnᵀ + b_hn))      ← b_hn inside the product with r, as in PyTorch
 *   h_t = (1 − z) ⊙ n + z ⊙ h_{t-1},  h_0 = 0.
 * (ONNX's GRU with linear_before_reset = 1 is the same formula.) The gates and h·W_hnᵀ + b_hn of every
 * step are kept for backward through time.
 */
export const GruNode: NodeKind = {
  type: 'GRU',
  category: 'layer',
  paletteGroup: 'Recurrent',
  title: 'GRU',
  explanation:
    'A recurrent layer with two gates: one decides how much of the old hidden state to keep as it is, the other how much of it to use when proposing a new state. Keeping the state unchanged is easy for it, so like an LSTM it can remember across many steps, with fewer weights.',
  inputs: [{ name: 'in', description: 'a sequence [T, d]: T steps of d numbers' }],
  outputs: [{ name: 'out', description: 'the last hidden state [units], or every step [T, units] with returnSequences' }],
  params: {
    ...RECURRENT_PARAMS,
    updateBias: {
      kind: 'number',
      default: 0,
      min: -10,
      max: 10,
      description: 'starting bias of the update gate z; positive makes the layer keep its old state at first, which long sequences need (try 2)',
    },
  },
  inferShape: ({ params, inputs }) => recurrentShape(params, inputs[0]!),
  paramTensors: ({ params, inputs }) => recurrentParamTensors(3, params, inputs[0]!, { gate: 1, value: params.updateBias as number }),
  createKernel(ctx) {
    const H = ctx.params.units as number;
    const GH = 3 * H;
    return recurrentKernel(ctx, 3, (io, { T, maxBatch }, alloc) => {
      const gates = alloc(T * maxBatch * GH); // activated r, z, n per step
      const hn = alloc(T * maxBatch * H); // h·W_hnᵀ + b_hn per step
      // The vector cell (assembly/gru.ts) when every buffer is in one wasm arena and H ≥ 4; dh and
      // dhPrev come from the same allocator as io's buffers, so they share that arena.
      const wasm = H >= 4 ? wasmKernelsFor([io.xg, io.hg, io.hs, io.dxg, io.dhg, gates, hn]) : null;
      const at = (buf: Buf, off: number) => (buf as Float32Array).byteOffset + off * 4;
      return {
        begin() {},
        forwardStep(n, t) {
          const { xg, hg, hs } = io;
          if (wasm) {
            wasm.gruForwardStep(at(xg, t * n * GH), at(hg, 0), at(gates, t * n * GH), at(hn, t * n * H), at(hs, t * n * H), at(hs, (t + 1) * n * H), n, H);
            return;
          }
          for (let s = 0; s < n; s++) {
            const a = t * n * GH + s * GH;
            const b = s * GH;
            const prev = t * n * H + s * H;
            const cur = (t + 1) * n * H + s * H;
            const k = t * n * H + s * H;
            for (let j = 0; j < H; j++) {
              const r = sigmoid(xg[a + j]! + hg[b + j]!);
              const z = sigmoid(xg[a + H + j]! + hg[b + H + j]!);
              const hnv = hg[b + 2 * H + j]!;
              const nv = Math.tanh(xg[a + 2 * H + j]! + r * hnv);
              gates[a + j] = r;
              gates[a + H + j] = z;
              gates[a + 2 * H + j] = nv;
              hn[k + j] = hnv;
              hs[cur + j] = (1 - z) * nv + z * hs[prev + j]!;
            }
          }
        },
        backwardStep(n, t, dh, dhPrev) {
          const { hs, dxg, dhg } = io;
          if (wasm) {
            wasm.gruBackwardStep(at(gates, t * n * GH), at(hn, t * n * H), at(hs, t * n * H), at(dh, 0), at(dxg, t * n * GH), at(dhg, 0), at(dhPrev, 0), n, H);
            return;
          }
          for (let s = 0; s < n; s++) {
            const a = t * n * GH + s * GH;
            const b = s * GH;
            const prev = t * n * H + s * H;
            const k = t * n * H + s * H;
            for (let j = 0; j < H; j++) {
              const r = gates[a + j]!, z = gates[a + H + j]!, nv = gates[a + 2 * H + j]!;
              const dhv = dh[s * H + j]!;
              const dan = dhv * (1 - z) * (1 - nv * nv);
              const daz = dhv * (hs[prev + j]! - nv) * z * (1 - z);
              const dar = dan * hn[k + j]! * r * (1 - r);
              dxg[a + j] = dar; dhg[b + j] = dar;
              dxg[a + H + j] = daz; dhg[b + H + j] = daz;
              dxg[a + 2 * H + j] = dan; dhg[b + 2 * H + j] = dan * r;
              dhPrev[s * H + j] = dhv * z;
            }
          }
        },
      };
    });
  },
};
