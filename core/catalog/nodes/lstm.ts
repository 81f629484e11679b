import { wasmKernelsFor } from '../../kernels/gemm';
import type { Buf } from '../../util/tensor';
import type { NodeKind } from '../types';
import { RECURRENT_PARAMS, recurrentKernel, recurrentParamTensors, recurrentShape, sigmoid } from './recurrent-common';

/**
 * Long short-term memory, as PyTorch's nn.LSTM (one layer, batch_first, gate blocks in the order i, f, g, o):
 *   a = x_t·W_ihᵀ + b_ih + h_{t-1}·W_hhᵀ + b_hh         [4H] split into a_i, a_f, a_g, a_o
 *   i = σ(a_i)  f = σ(a_f)  g = tanh(a_g)  o = σ(a_o)
 *   c_t = f ⊙ c_{t-1} + i ⊙ g,   h_t = o ⊙ tanh(c_t),   h_0 = c_0 = 0.
 * The activated gates, c_t and tanh(c_t) of every step are kept ([T, n, ·]) for backward through time.
 */
export const LstmNode: NodeKind = {
  type: 'LSTM',
  category: 'layer',
  paletteGroup: 'Recurrent',
  title: 'LSTM',
  explanation:
    'A recurrent layer with a separate memory lane (the cell state). At each step three gates decide what to forget, what to write and what to show. Because the memory is only changed by those gates, not squashed at every step, an LSTM can carry a fact across a long sequence.',
  inputs: [{ name: 'in', description: 'a sequence [T, d]: T steps of d numbers' }],
  outputs: [{ name: 'out', description: 'the last hidden state [units], or every step [T, units] with returnSequences' }],
  params: {
    ...RECURRENT_PARAMS,
    forgetBias: {
      kind: 'number',
      default: 1,
      min: -10,
      max: 10,
      description: 'starting bias of the forget gate; positive keeps the memory open at first, which long sequences need (1 as in Keras, 2 for very long ones)',
    },
  },
  inferShape: ({ params, inputs }) => recurrentShape(params, inputs[0]!),
  paramTensors: ({ params, inputs }) => recurrentParamTensors(4, params, inputs[0]!, { gate: 1, value: params.forgetBias as number }),
  createKernel(ctx) {
    const H = ctx.params.units as number;
    const GH = 4 * H;
    return recurrentKernel(ctx, 4, (io, { T, maxBatch }, alloc) => {
      const gates = alloc(T * maxBatch * GH); // activated i, f, g, o per step
      const cs = alloc((T + 1) * maxBatch * H); // slot 0 = c_0, slot t+1 = c_t
      const tanhC = alloc(T * maxBatch * H);
      const dc = alloc(maxBatch * H); // gradient reaching c_t, carried backwards
      // The vector cells (assembly/lstm.ts, lstm-backward.ts) when every buffer they touch is in one wasm
      // arena and H ≥ 4 (a row is at least one vector); dh comes from the same allocator as io's buffers,
      // so it shares that arena.
      const wasm = H >= 4 ? wasmKernelsFor([io.xg, io.hg, io.hs, io.dxg, gates, cs, tanhC, dc]) : null;
      const at = (buf: Buf, off: number) => (buf as Float32Array).byteOffset + off * 4;
      return {
        recurrentGradIsInputGrad: true,
        begin(n) {
          cs.fill(0, 0, n * H);
          dc.fill(0, 0, n * H);
        },
        forwardStep(n, t) {
          const { xg, hg, hs } = io;
          if (wasm) {
            // Byte addresses of step t's slots (all buffers are views into the kernels' arena).
            wasm.lstmForwardStep(
              at(xg, t * n * GH), at(hg, 0), at(gates, t * n * GH),
              at(cs, t * n * H), at(cs, (t + 1) * n * H), at(tanhC, t * n * H),
              at(hs, (t + 1) * n * H), n, H,
            );
            return;
          }
          for (let s = 0; s < n; s++) {
            const a = t * n * GH + s * GH;
            const b = s * GH;
            const prev = t * n * H + s * H;
            const cur = (t + 1) * n * H + s * H;
            const th = t * n * H + s * H;
            for (let j = 0; j < H; j++) {
              const i = sigmoid(xg[a + j]! + hg[b + j]!);
              const f = sigmoid(xg[a + H + j]! + hg[b + H + j]!);
              const gg = Math.tanh(xg[a + 2 * H + j]! + hg[b + 2 * H + j]!);
              const o = sigmoid(xg[a + 3 * H + j]! + hg[b + 3 * H + j]!);
              gates[a + j] = i;
              gates[a + H + j] = f;
              gates[a + 2 * H + j] = gg;
              gates[a + 3 * H + j] = o;
              const c = f * cs[prev + j]! + i * gg;
              cs[cur + j] = c;
              const tc = Math.tanh(c);
              tanhC[th + j] = tc;
              hs[cur + j] = o * tc;
            }
          }
        },
        backwardStep(n, t, dh) {
          const { dxg } = io;
          if (wasm) {
            wasm.lstmBackwardStep(at(gates, t * n * GH), at(cs, t * n * H), at(tanhC, t * n * H), at(dh, 0), at(dc, 0), at(dxg, t * n * GH), n, H);
            return;
          }
          for (let s = 0; s < n; s++) {
            const a = t * n * GH + s * GH;
            const prev = t * n * H + s * H;
            const th = t * n * H + s * H;
            for (let j = 0; j < H; j++) {
              const i = gates[a + j]!, f = gates[a + H + j]!, gg = gates[a + 2 * H + j]!, o = gates[a + 3 * H + j]!;
              const tc = tanhC[th + j]!;
              const dhv = dh[s * H + j]!;
              const dcv = dc[s * H + j]! + dhv * o * (1 - tc * tc);
              const dai = dcv * gg * i * (1 - i);
              const daf = dcv * cs[prev + j]! * f * (1 - f);
              const dag = dcv * i * (1 - gg * gg);
              const dao = dhv * tc * o * (1 - o);
              dxg[a + j] = dai;
              dxg[a + H + j] = daf;
              dxg[a + 2 * H + j] = dag;
              dxg[a + 3 * H + j] = dao;
              dc[s * H + j] = dcv * f;
            }
          }
        },
        inspect() {
          return { cell: cs };
        },
      };
    });
  },
};
