import { wasmKernelsFor } from '../../kernels/gemm';
import type { Buf } from '../../util/tensor';
import type { NodeKind } from '../types';
import { RECURRENT_PARAMS, recurrentKernel, recurrentParamTensors, recurrentShape } from './recurrent-common';

/**
 * Elman recurrent layer, as PyTorch's nn.RNN with tanh (one layer, batch_first):
 *   h_t = tanh(x_t·W_ihᵀ + b_ih + h_{t-1}·W_hhᵀ + b_hh),  h_0 = 0.
 * Backward through time: da_t = dh_t ⊙ (1 − h_t²), dh_{t-1} = da_t·W_hh.
 */
export const SimpleRnnNode: NodeKind = {
  type: 'SimpleRNN',
  category: 'layer',
  paletteGroup: 'Recurrent',
  title: 'Simple RNN',
  explanation:
    'Reads a sequence one step at a time and keeps a running summary (the hidden state): each step mixes the new input with the previous summary and squashes the result with tanh. Simple and fast, but what it saw many steps ago fades quickly, so long-range memory is hard for it.',
  inputs: [{ name: 'in', description: 'a sequence [T, d]: T steps of d numbers' }],
  outputs: [{ name: 'out', description: 'the last hidden state [units], or every step [T, units] with returnSequences' }],
  params: RECURRENT_PARAMS,
  inferShape: ({ params, inputs }) => recurrentShape(params, inputs[0]!),
  paramTensors: ({ params, inputs }) => recurrentParamTensors(1, params, inputs[0]!),
  createKernel(ctx) {
    const H = ctx.params.units as number;
    return recurrentKernel(ctx, 1, (io) => {
      // The vector cell (assembly/rnn.ts, any H) when every buffer is in one wasm arena; dh comes from the
      // same allocator as io's buffers, so it shares that arena.
      const wasm = wasmKernelsFor([io.xg, io.hg, io.hs, io.dxg]);
      const at = (buf: Buf, off: number) => (buf as Float32Array).byteOffset + off * 4;
      return {
        recurrentGradIsInputGrad: true,
        begin() {},
        forwardStep(n, t) {
          const { xg, hg, hs } = io;
          const x = t * n * H;
          const out = (t + 1) * n * H;
          if (wasm) return wasm.rnnForwardStep(at(xg, x), at(hg, 0), at(hs, out), n * H);
          for (let i = 0; i < n * H; i++) hs[out + i] = Math.tanh(xg[x + i]! + hg[i]!);
        },
        backwardStep(n, t, dh) {
          const { hs, dxg } = io;
          const x = t * n * H;
          const h = (t + 1) * n * H;
          if (wasm) return wasm.rnnBackwardStep(at(hs, h), at(dh, 0), at(dxg, x), n * H);
          for (let i = 0; i < n * H; i++) {
            const v = hs[h + i]!;
            dxg[x + i] = dh[i]! * (1 - v * v);
          }
        },
      };
    });
  },
};
