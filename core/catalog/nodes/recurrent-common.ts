import { gemmFor } from '../../kernels/gemm';
import { formatShape } from '../../util/tensor';
import type { Buf, Shape } from '../../util/tensor';
import type { BlockInitSpec } from '../../engine/init';
import type { Kernel, KernelContext, ParamSpec, ParamValues, ShapeResult } from '../types';

/*
 * What SimpleRNN, LSTM and GRU share: params, the shape rule, the weight layout and the driver that runs
 * a cell over time (forward) and back through time (backward).
 *
 * Weight layout (PyTorch's, so tensors map one-to-one to nn.RNN / nn.LSTM / nn.GRU, layer 0):
 *   W_ih [G·H, d]   (weight_ih_l0)     b_ih [G·H]   (bias_ih_l0)
 *   W_hh [G·H, H]   (weight_hh_l0)     b_hh [G·H]   (bias_hh_l0)
 * with G gate blocks of H rows each, in PyTorch's gate order (LSTM i,f,g,o; GRU r,z,n; SimpleRNN one).
 * The two biases stay separate because the GRU needs b_hn apart from b_in, and so weights load unchanged.
 *
 * Memory: every per-time buffer is time-major ([T, n, ·], rows of the live batch n) so that one time step
 * of the whole batch is one contiguous matrix and h_{t-1}·W_hhᵀ is one matrix product per step.
 * The input is copied time-major once per forward; the input projection of all steps is one product.
 */

export const RECURRENT_PARAMS: Record<string, ParamSpec> = {
  units: { kind: 'int', default: 16, min: 1, max: 4096, description: 'size of the hidden state (numbers remembered between steps)' },
  returnSequences: {
    kind: 'boolean',
    default: false,
    description: 'output the hidden state at every step [B, T, units] instead of only the last one [B, units]',
  },
};

/** Messages start with a verb: the analysis puts the node's id and type in front. */
export function recurrentShape(params: ParamValues, x: Shape): ShapeResult {
  const units = params.units as number;
  if (x.length === 1) {
    return {
      ok: false,
      port: 0,
      message: `reads a sequence [B, T, d] (T steps of d numbers), got ${formatShape(x)} with no time axis; for token ids [B, T] put an Embedding in front, for flat features use Dense`,
    };
  }
  if (x.length !== 2) {
    return {
      ok: false,
      port: 0,
      message: `reads a sequence [B, T, d] (T steps of d numbers), got ${formatShape(x)}; use Flatten or Reshape to make it [B, T, d] first`,
    };
  }
  return { ok: true, shape: params.returnSequences ? [x[0]!, units] : [units] };
}

/**
 * W_ih, W_hh, b_ih, b_hh. All four start uniform in ±1/√H, PyTorch's default for recurrent layers:
 * xavier_uniform's bound √(6/(fanIn+fanOut)) equals 1/√H when fanIn + fanOut = 6H, so the fans given here
 * are chosen to produce that bound (they are not the tensors' real fans).
 * `gateBias` optionally starts one gate's block of b_ih at a constant and the same block of b_hh at 0, so
 * their sum (what the gate sees) is exactly that constant: LSTM's forget gate, GRU's update gate.
 */
export function recurrentParamTensors(
  gates: number, params: ParamValues, x: Shape, gateBias?: { gate: number; value: number },
): BlockInitSpec[] {
  const H = params.units as number;
  const d = x[x.length - 1]!;
  const GH = gates * H;
  const t = (name: string, shape: number[], decay: boolean): BlockInitSpec => ({
    name, shape, init: 'xavier_uniform', fanIn: 3 * H, fanOut: 3 * H, decay,
  });
  const block = (value: number) => (gateBias ? { constantBlocks: [{ start: gateBias.gate * H, end: (gateBias.gate + 1) * H, value }] } : {});
  return [
    t('W_ih', [GH, d], true), t('W_hh', [GH, H], true),
    { ...t('b_ih', [GH], false), ...block(gateBias?.value ?? 0) }, { ...t('b_hh', [GH], false), ...block(0) },
  ];
}

/** The buffers a cell reads and writes, shared with the driver. Offsets are element offsets. */
export interface CellIO {
  /** Input projection x_t·W_ihᵀ + b_ih for every step, [T, n, G·H]. */
  xg: Buf;
  /** Recurrent projection h_{t-1}·W_hhᵀ + b_hh of the current step, [n, G·H]. */
  hg: Buf;
  /** Hidden states [T+1, n, H]; slot 0 is h_0 = 0, slot t+1 is h_t. */
  hs: Buf;
  /** Gradient of the step's input projection [T, n, G·H] (the cell writes slot t). */
  dxg: Buf;
  /** Gradient of the step's recurrent projection [n, G·H] (the cell writes it). */
  dhg: Buf;
}

export interface Cell {
  /** Called before step 0 of a forward or backward (LSTM zeroes its cell state / its gradient). */
  begin(n: number): void;
  /** h_t into hs slot t+1, from io.xg slot t, io.hg and h_{t-1}; keeps what backward needs. */
  forwardStep(n: number, t: number): void;
  /**
   * Given dh (total gradient reaching h_t, [n, H]), write io.dxg slot t and io.dhg, and SET dhPrev to the part
   * of dh_{t-1} that does not go through W_hh (GRU's z⊙dh). The driver adds dhg·W_hh. A cell with
   * `recurrentGradIsInputGrad` writes only dxg slot t: the driver then sets dhPrev to that slot·W_hh itself.
   */
  backwardStep(n: number, t: number, dh: Buf, dhPrev: Buf): void;
  inspect?(): Record<string, Buf>;
  /**
   * True when the cell's dhg always equals its dxg slot t (LSTM, SimpleRNN: both projections feed the same
   * pre-activation). Then W_hh's and b_hh's gradients are one product over all T steps after the loop
   * instead of two small ones per step, and dhg is never written. GRU's differ (r ⊙ … on the candidate), so
   * it leaves this unset.
   */
  readonly recurrentGradIsInputGrad?: boolean;
}

export type CellFactory = (io: CellIO, dims: { T: number; H: number; maxBatch: number }, alloc: (size: number) => Buf) => Cell;

export function recurrentKernel(ctx: KernelContext, gates: number, makeCell: CellFactory): Kernel {
  const { inputShapes, params, maxBatch, buffers, alloc } = ctx;
  const [T, d] = inputShapes[0]! as [number, number];
  const H = params.units as number;
  const GH = gates * H;
  const sequences = params.returnSequences as boolean;
  const {
    inputs: [X], output: Y, params: [Wih, Whh, bih, bhh],
    dOutput: dY, dInputs: [dX], dParams: [dWih, dWhh, dbih, dbhh],
  } = buffers;
  const xt = alloc(T * maxBatch * d);
  const io: CellIO = {
    xg: alloc(T * maxBatch * GH),
    hg: alloc(maxBatch * GH),
    hs: alloc((T + 1) * maxBatch * H),
    dxg: alloc(T * maxBatch * GH),
    dhg: alloc(maxBatch * GH),
  };
  let dh = alloc(maxBatch * H);
  let dhPrev = alloc(maxBatch * H);
  const dxt = alloc(T * maxBatch * d);
  // W_ihᵀ [d, G·H] and W_hhᵀ [H, G·H], refreshed every forward: the projections then run as plain products
  // (register-tiled in wasm) rather than as row-by-row dot products against W's rows, which cost a
  // horizontal sum per output and, for a short input (d = 8), mostly that.
  const WihT = alloc(d * GH);
  const WhhT = alloc(H * GH);
  const transpose = (src: Buf, dst: Buf, rows: number, cols: number) => {
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) dst[c * rows + r] = src[r * cols + c]!;
  };
  const cell = makeCell(io, { T, H, maxBatch }, alloc);
  const hoisted = cell.recurrentGradIsInputGrad === true;
  // The SIMD kernels when all buffers live in the executor's wasm arena, the TS reference otherwise.
  const g = gemmFor(X, Y, dY, dX, Wih, Whh, bih, bhh, dWih, dWhh, dbih, dbhh, xt, io.xg, io.hg, io.hs, io.dxg, io.dhg, dh, dhPrev, dxt, WihT, WhhT);

  // Each row starts as the bias and the product accumulates onto it: a native copy per row instead of a
  // TS loop adding the bias afterwards (that loop was ~15 % of an LSTM training step).
  const biasRows = (buf: Buf, off: number, rows: number, bias: Buf) => {
    for (let r = 0; r < rows; r++) buf.set(bias, off + r * GH);
  };

  return {
    forward(n) {
      // Time-major copy of the input: row (t, s) = X[s, t].
      for (let s = 0; s < n; s++) {
        for (let t = 0; t < T; t++) {
          const from = (s * T + t) * d;
          const to = (t * n + s) * d;
          for (let k = 0; k < d; k++) xt[to + k] = X![from + k]!;
        }
      }
      transpose(Wih!, WihT, GH, d);
      transpose(Whh!, WhhT, GH, H);
      biasRows(io.xg, 0, T * n, bih!);
      g.mm(xt, 0, WihT, 0, io.xg, 0, T * n, d, GH, true);
      io.hs.fill(0, 0, n * H);
      cell.begin(n);
      for (let t = 0; t < T; t++) {
        biasRows(io.hg, 0, n, bhh!);
        g.mm(io.hs, t * n * H, WhhT, 0, io.hg, 0, n, H, GH, true);
        cell.forwardStep(n, t);
      }
      if (sequences) {
        for (let s = 0; s < n; s++) {
          for (let t = 0; t < T; t++) {
            const from = ((t + 1) * n + s) * H;
            const to = (s * T + t) * H;
            for (let j = 0; j < H; j++) Y[to + j] = io.hs[from + j]!;
          }
        }
      } else {
        const last = T * n * H;
        for (let i = 0; i < n * H; i++) Y[i] = io.hs[last + i]!;
      }
    },
    backward(n) {
      if (sequences) dh.fill(0, 0, n * H);
      else for (let i = 0; i < n * H; i++) dh[i] = dY[i]!;
      cell.begin(n);
      for (let t = T - 1; t >= 0; t--) {
        if (sequences) {
          for (let s = 0; s < n; s++) {
            const from = (s * T + t) * H;
            for (let j = 0; j < H; j++) dh[s * H + j] += dY[from + j]!;
          }
        }
        cell.backwardStep(n, t, dh, dhPrev);
        if (hoisted) {
          // dhg is dxg slot t and nothing bypasses W_hh: dh_{t-1} is that slot times W_hh alone.
          g.mm(io.dxg, t * n * GH, Whh!, 0, dhPrev, 0, n, GH, H, false);
        } else {
          g.colsum(io.dhg, dbhh!, n, GH);
          // hs slot t holds h_{t-1}, the input of this step's recurrent product.
          g.mmTA(io.dhg, 0, io.hs, t * n * H, dWhh!, 0, n, GH, H, true);
          g.mm(io.dhg, 0, Whh!, 0, dhPrev, 0, n, GH, H, true);
        }
        const swap = dh;
        dh = dhPrev;
        dhPrev = swap;
      }
      if (hoisted) {
        // Slots 0…T−1 of hs are h_0…h_{T−1}, the recurrent inputs of steps 0…T−1, in the rows of dxg.
        g.colsum(io.dxg, dbhh!, T * n, GH);
        g.mmTA(io.dxg, 0, io.hs, 0, dWhh!, 0, T * n, GH, H, true);
      }
      g.colsum(io.dxg, dbih!, T * n, GH);
      g.mmTA(io.dxg, 0, xt, 0, dWih!, 0, T * n, GH, d, true);
      if (dX) {
        g.mm(io.dxg, 0, Wih!, 0, dxt, 0, T * n, GH, d, false);
        for (let s = 0; s < n; s++) {
          for (let t = 0; t < T; t++) {
            const to = (s * T + t) * d;
            const from = (t * n + s) * d;
            for (let k = 0; k < d; k++) dX[to + k] += dxt[from + k]!;
          }
        }
      }
    },
    inspect() {
      return { hidden: io.hs, ...cell.inspect?.() };
    },
  };
}

export const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));
