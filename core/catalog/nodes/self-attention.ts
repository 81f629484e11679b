import { gemmFor, wasmKernelsFor } from '../../kernels/gemm';
import { formatShape } from '../../util/tensor';
import type { Buf, Shape } from '../../util/tensor';
import type { NodeKind, ParamValues, ShapeResult } from '../types';

/**
 * Multi-head scaled dot-product self-attention on a sequence x of shape [T, d]:
 *   Q = x·Wq + bq,  K = x·Wk + bk,  V = x·Wv + bv          (each d → dModel)
 *   per head h (dh = dModel / heads, columns h·dh … h·dh+dh−1):
 *     A_h = softmax(Q_h·K_hᵀ / √dh)   row i = how much position i looks at each position j
 *     O_h = A_h·V_h
 *   out = concat_h(O_h)·Wo + bo                              (dModel → dModel)
 * With `causal`, position i may only look at j ≤ i (future scores are masked before the softmax).
 * Weights are stored `[in][out]` row-major like Dense's; params in the order Wq, bq, Wk, bk, Wv, bv, Wo, bo.
 *
 * Memory layout: the projections are computed position-major ([n·T, dModel], one matmul per projection)
 * then copied head-major ([n, heads, T, dh]) so every per-head product is one contiguous matmul call.
 * The attention weights of the last forward stay in a buffer laid out [n, heads, T, T] for `inspect()`.
 * With one head the two layouts coincide, so the copies are skipped and products read and write in place.
 */
export const SelfAttentionNode: NodeKind = {
  type: 'SelfAttention',
  category: 'layer',
  title: 'Self-attention',
  explanation:
    'Lets every position of a sequence gather information from the other positions. Each position asks a question (query), every position offers a label (key) and some content (value); a position collects the content whose labels best match its question. Several heads ask different questions at once. With causal on, a position may only look back, never ahead.',
  inputs: [{ name: 'in', description: 'a sequence [T, d]: T positions of d features' }],
  outputs: [{ name: 'out', description: 'a sequence [T, dModel]' }],
  params: {
    heads: { kind: 'int', default: 1, min: 1, max: 1024, description: 'number of attention heads; must divide dModel' },
    dModel: { kind: 'int', default: 32, min: 1, max: 65536, description: 'width of queries, keys, values and the output' },
    causal: { kind: 'boolean', default: false, description: 'only attend to earlier positions and the position itself' },
  },
  inferShape({ params, inputs }) {
    return attentionShape(params, inputs[0]!);
  },
  paramTensors({ params, inputs }) {
    const d = inputs[0]![1]!;
    const dModel = params.dModel as number;
    const weight = (name: string, inF: number) => ({ name, shape: [inF, dModel], init: 'xavier_uniform' as const, fanIn: inF, fanOut: dModel, decay: true });
    const bias = (name: string, inF: number) => ({ name, shape: [dModel], init: 'zeros' as const, fanIn: inF, fanOut: dModel, decay: false });
    return [
      weight('Wq', d), bias('bq', d),
      weight('Wk', d), bias('bk', d),
      weight('Wv', d), bias('bv', d),
      weight('Wo', dModel), bias('bo', dModel),
    ];
  },
  createKernel({ inputShapes, params, maxBatch, buffers, alloc }) {
    const [T, d] = inputShapes[0]! as [number, number];
    const heads = params.heads as number;
    const dModel = params.dModel as number;
    const causal = params.causal as boolean;
    const dh = dModel / heads;
    const scale = 1 / Math.sqrt(dh);
    const seqSize = T * dModel; // one sample's [T, dModel]
    const headSize = T * dh; // one head's [T, dh]
    const attnSize = T * T; // one head's [T, T]
    const {
      inputs: [X], output: Y, params: [Wq, bq, Wk, bk, Wv, bv, Wo, bo],
      dOutput: dY, dInputs: [dX], dParams: [dWq, dbq, dWk, dbk, dWv, dbv, dWo, dbo],
    } = buffers;

    // Forward state kept for backward (head-major Q, K, V; position-major concatenated heads).
    const Qh = alloc(maxBatch * seqSize);
    const Kh = alloc(maxBatch * seqSize);
    const Vh = alloc(maxBatch * seqSize);
    const attention = alloc(maxBatch * heads * attnSize);
    const concat = alloc(maxBatch * seqSize);
    // Scratch: a position-major [n·T, dModel] work area, per-head tiles, and the projections' gradients.
    const flat = alloc(maxBatch * seqSize);
    const headTile = alloc(headSize);
    const dHeadOut = alloc(headSize);
    const dScores = alloc(attnSize);
    const dQ = alloc(maxBatch * seqSize);
    const dK = alloc(maxBatch * seqSize);
    const dV = alloc(maxBatch * seqSize);

    /** Copy columns h·dh… of a position-major [n·T, dModel] buffer into head-major [n, heads, T, dh]. */
    const splitHeads = (src: Buf, dst: Buf, n: number) => {
      for (let s = 0; s < n; s++) {
        for (let h = 0; h < heads; h++) {
          const dstBase = (s * heads + h) * headSize;
          for (let t = 0; t < T; t++) {
            const from = s * seqSize + t * dModel + h * dh;
            const to = dstBase + t * dh;
            for (let k = 0; k < dh; k++) dst[to + k] = src[from + k]!;
          }
        }
      }
    };
    /** Write (or read) one head's [T, dh] tile to (or from) its columns of sample s in a position-major buffer. */
    const tileToColumns = (tile: Buf, dst: Buf, s: number, h: number) => {
      for (let t = 0; t < T; t++) {
        const to = s * seqSize + t * dModel + h * dh;
        for (let k = 0; k < dh; k++) dst[to + k] = tile[t * dh + k]!;
      }
    };
    const columnsToTile = (src: Buf, tile: Buf, s: number, h: number) => {
      for (let t = 0; t < T; t++) {
        const from = s * seqSize + t * dModel + h * dh;
        for (let k = 0; k < dh; k++) tile[t * dh + k] = src[from + k]!;
      }
    };
    // The SIMD kernels when all buffers live in the executor's wasm arena, the TS reference otherwise.
    const g = gemmFor(X, Y, dY, dX, Wq, bq, Wk, bk, Wv, bv, Wo, bo, dWq, dbq, dWk, dbk, dWv, dbv, dWo, dbo,
      Qh, Kh, Vh, attention, concat, flat, headTile, dHeadOut, dScores, dQ, dK, dV);
    // The row softmax and its backward in wasm SIMD when the gemm is (assembly/attention-softmax.ts).
    const wk = g.wasm ? wasmKernelsFor([attention, dScores]) : null;
    // One head: head-major [n, 1, T, dh] is position-major [n·T, dModel]; no copies needed.
    const direct = heads === 1;
    /** Gradients of out = in·W + b given dOut; dIn may be null. */
    const affineBackward = (input: Buf, W: Buf, dOut: Buf, dW: Buf, db: Buf, dIn: Buf | null | undefined, rows: number, inF: number) => {
      g.mmTA(input, 0, dOut, 0, dW, 0, rows, inF, dModel, true);
      g.colsum(dOut, db, rows, dModel);
      if (dIn) g.mmTB(dOut, 0, W, 0, dIn, 0, rows, dModel, inF, true);
    };
    /** Q, K or V for the batch, head-major. */
    const project = (W: Buf, b: Buf, dst: Buf, n: number) => {
      if (direct) return g.affine(X!, W, b, dst, n * T, d, dModel);
      g.affine(X!, W, b, flat, n * T, d, dModel);
      splitHeads(flat, dst, n);
    };

    return {
      forward(n) {
        const rows = n * T;
        project(Wq!, bq!, Qh, n);
        project(Wk!, bk!, Kh, n);
        project(Wv!, bv!, Vh, n);
        for (let s = 0; s < n; s++) {
          for (let h = 0; h < heads; h++) {
            const tile = (s * heads + h) * headSize;
            const attn = (s * heads + h) * attnSize;
            g.mmTB(Qh, tile, Kh, tile, attention, attn, T, dh, T, false);
            if (wk) wk.attnSoftmaxForward(attention.byteOffset + attn * 4, T, causal ? 1 : 0, scale);
            else for (let i = 0; i < T; i++) {
              const row = attn + i * T;
              const visible = causal ? i + 1 : T;
              // Subtract the row maximum before exp so large scores cannot overflow.
              let max = -Infinity;
              for (let j = 0; j < visible; j++) max = Math.max(max, attention[row + j]! * scale);
              let sum = 0;
              for (let j = 0; j < visible; j++) {
                const e = Math.exp(attention[row + j]! * scale - max);
                attention[row + j] = e;
                sum += e;
              }
              const inv = 1 / sum;
              for (let j = 0; j < visible; j++) attention[row + j] *= inv;
              for (let j = visible; j < T; j++) attention[row + j] = 0;
            }
            if (direct) g.mm(attention, attn, Vh, tile, concat, tile, T, T, dh, false);
            else {
              g.mm(attention, attn, Vh, tile, headTile, 0, T, T, dh, false);
              tileToColumns(headTile, concat, s, h);
            }
          }
        }
        g.affine(concat, Wo!, bo!, Y, rows, dModel, dModel);
      },
      backward(n) {
        const rows = n * T;
        // Output projection; flat now holds d(concat).
        g.mmTA(concat, 0, dY, 0, dWo!, 0, rows, dModel, dModel, true);
        g.colsum(dY, dbo!, rows, dModel);
        g.mmTB(dY, 0, Wo!, 0, flat, 0, rows, dModel, dModel, false);
        for (let s = 0; s < n; s++) {
          for (let h = 0; h < heads; h++) {
            const tile = (s * heads + h) * headSize;
            const attn = (s * heads + h) * attnSize;
            // This head's d(output) [T, dh], and where its dV, dQ, dK tiles go (in place with one head).
            const dO = direct ? flat : dHeadOut;
            const dOOff = direct ? tile : 0;
            const out = direct ? tile : 0;
            if (!direct) columnsToTile(flat, dHeadOut, s, h);
            // O = A·V  ⇒  dA = dO·Vᵀ,  dV = Aᵀ·dO
            g.mmTB(dO, dOOff, Vh, tile, dScores, 0, T, dh, T, false);
            g.mmTA(attention, attn, dO, dOOff, direct ? dV : headTile, out, T, T, dh, false);
            if (!direct) tileToColumns(headTile, dV, s, h);
            // Softmax backward per row: dz_j = a_j (da_j − Σ_k a_k da_k), then the 1/√dh scale.
            // Masked entries have a_j = 0, so they get no gradient without a special case.
            if (wk) wk.attnSoftmaxBackward(attention.byteOffset + attn * 4, dScores.byteOffset, T, scale);
            else for (let i = 0; i < T; i++) {
              const row = attn + i * T;
              let dot = 0;
              for (let j = 0; j < T; j++) dot += attention[row + j]! * dScores[i * T + j]!;
              for (let j = 0; j < T; j++) dScores[i * T + j] = attention[row + j]! * (dScores[i * T + j]! - dot) * scale;
            }
            // S = Q·Kᵀ  ⇒  dQ = dS·K,  dK = dSᵀ·Q
            g.mm(dScores, 0, Kh, tile, direct ? dQ : headTile, out, T, T, dh, false);
            if (!direct) tileToColumns(headTile, dQ, s, h);
            g.mmTA(dScores, 0, Qh, tile, direct ? dK : headTile, out, T, T, dh, false);
            if (!direct) tileToColumns(headTile, dK, s, h);
          }
        }
        affineBackward(X!, Wq!, dQ, dWq!, dbq!, dX, rows, d);
        affineBackward(X!, Wk!, dK, dWk!, dbk!, dX, rows, d);
        affineBackward(X!, Wv!, dV, dWv!, dbv!, dX, rows, d);
      },
      inspect() {
        return { attention };
      },
    };
  },
};

function attentionShape(params: ParamValues, x: Shape): ShapeResult {
  const heads = params.heads as number;
  const dModel = params.dModel as number;
  if (x.length !== 2) {
    return {
      ok: false,
      port: 0,
      message: `needs a sequence [B, T, d] (T positions of d features), got ${formatShape(x)}; a flat vector has no positions to attend between`,
    };
  }
  if (dModel % heads !== 0) {
    return { ok: false, message: `dModel (${dModel}) must be divisible by heads (${heads}) so every head gets the same width; input ${formatShape(x)}` };
  }
  return { ok: true, shape: [x[0]!, dModel] };
}
