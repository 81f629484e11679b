import type { ConstTensor } from '../tensor';
import type { MapContext, OpMapper, WeightData } from '../values';
import { fullShape, liveInput } from './util';

/**
 * RNN / LSTM / GRU (as fused by ../fusions/recurrent: batch-first in, one batch-first output) →
 * SimpleRNN / LSTM / GRU. ONNX stacks the gate blocks in its own order; NetLoom keeps PyTorch's:
 *   LSTM  ONNX i, o, f, c  →  NetLoom i, f, g, o   (NetLoom block j is ONNX block FROM_ONNX[j])
 *   GRU   ONNX z, r, h     →  NetLoom r, z, n
 * B is [Wb | Rb]; NetLoom keeps them apart as b_ih and b_hh (the GRU needs the recurrent one alone).
 */
const KINDS: Record<string, { type: string; fromOnnx: number[]; activations: string[] }> = {
  RNN: { type: 'SimpleRNN', fromOnnx: [0], activations: ['Tanh'] },
  LSTM: { type: 'LSTM', fromOnnx: [0, 2, 3, 1], activations: ['Sigmoid', 'Tanh', 'Tanh'] },
  GRU: { type: 'GRU', fromOnnx: [1, 0, 2], activations: ['Sigmoid', 'Tanh'] },
};

/** Why this use of the op cannot be imported, checked before the wrapping is looked at. */
function attributeProblem(ctx: MapContext, op: string): string | null {
  const direction = ctx.attrs.string('direction', 'forward');
  if (direction !== 'forward') return `direction "${direction}": NetLoom's recurrent layers run forward only (a bidirectional layer is two layers and a Concat)`;
  if (ctx.attrs.int('layout', 0) !== 0) return 'layout = 1 (batch-major) is not supported; export with the default time-major layout';
  if (ctx.attrs.has('clip')) return 'clip (cell clipping) is not supported';
  if (op === 'LSTM' && ctx.attrs.int('input_forget', 0) !== 0) return 'input_forget = 1 (coupled input and forget gates) is not supported';
  if (op === 'GRU' && ctx.attrs.int('linear_before_reset', 0) !== 1) {
    return 'linear_before_reset = 0 applies the reset gate before the recurrent product; NetLoom\'s GRU, like PyTorch\'s, applies it after (linear_before_reset = 1)';
  }
  const acts = readActivations(ctx);
  const want = KINDS[op]!.activations;
  if (acts && (acts.length !== want.length || acts.some((a, i) => a.toLowerCase() !== want[i]!.toLowerCase()))) {
    return `activations [${acts.join(', ')}] are not the standard [${want.join(', ')}]`;
  }
  return null;
}

/** The `activations` strings attribute (decoded), or null when absent. */
function readActivations(ctx: MapContext): string[] | null {
  const list = ctx.attrs.strings('activations');
  return list ?? null;
}

/** A constant that must be absent or all zeros (initial states, peepholes), else a refusal. */
function zeroOrAbsent(ctx: MapContext, i: number, what: string): string | null {
  const v = ctx.inputs[i];
  if (!v) return null;
  if (v.kind !== 'const') return `${what} is computed; NetLoom's recurrent layers start from zeros`;
  return v.tensor.data.every((x) => x === 0) ? null : `${what} is not zero; NetLoom's recurrent layers start from a zero state`;
}

/** Rows of `t` (one direction, [G·H, …] flattened) reordered into NetLoom's gate order. */
function reorder(data: ArrayLike<number>, offset: number, H: number, cols: number, fromOnnx: number[]): Float64Array {
  const out = new Float64Array(fromOnnx.length * H * cols);
  fromOnnx.forEach((src, j) => {
    for (let k = 0; k < H * cols; k++) out[j * H * cols + k] = data[offset + src * H * cols + k]!;
  });
  return out;
}

/** The plain op, when its wrapping was not recognised: say what NetLoom needs. */
export const recurrentUnwrapped: OpMapper = (ctx) =>
  attributeProblem(ctx, ctx.node.opType) ??
  'is supported when it reads a batch-first input through Transpose [1, 0, 2] and only its Y (through Squeeze axis 1 and Transpose [1, 0, 2]) or only its Y_h (through Squeeze axis 0) is used, as PyTorch writes batch_first layers';

export function fusedRecurrent(op: string): OpMapper {
  return (ctx) => {
    const problem = attributeProblem(ctx, op);
    if (problem) return problem;
    const kind = KINDS[op]!;
    const x = liveInput(ctx, 0);
    if (!x) return 'needs a computed input';
    if (x.shape.length !== 2) return `reads a sequence [B, T, d], got ${fullShape(x)}`;
    const [T, d] = x.shape as [number, number];
    const consts: (ConstTensor | undefined)[] = [1, 2, 3].map((i) => (ctx.inputs[i]?.kind === 'const' ? (ctx.inputs[i] as { tensor: ConstTensor }).tensor : undefined));
    const [W, R, B] = consts;
    if (!W || !R) return 'needs constant weights W and R';
    if (ctx.inputs[3] && !B) return 'input B (the biases) must be a constant';
    const G = kind.fromOnnx.length;
    const H = ctx.attrs.int('hidden_size', R.dims[2] ?? 0);
    if (W.dims.join() !== [1, G * H, d].join() || R.dims.join() !== [1, G * H, H].join()) {
      return `weights W [${W.dims.join(', ')}] and R [${R.dims.join(', ')}] do not fit hidden_size ${H} and ${d} input features (W [1, ${G * H}, ${d}], R [1, ${G * H}, ${H}])`;
    }
    if (B && B.data.length !== 2 * G * H) return `bias B has ${B.data.length} values, not ${2 * G * H}`;
    const lens = ctx.inputs[4];
    if (lens && (lens.kind !== 'const' || !lens.tensor.data.every((v) => v === T))) return 'sequence_lens gives sequences shorter than the input; NetLoom runs every sequence to its full length';
    const states = zeroOrAbsent(ctx, 5, 'initial_h') ?? (op === 'LSTM' ? zeroOrAbsent(ctx, 6, 'initial_c') ?? zeroOrAbsent(ctx, 7, 'the peephole weights P') : null);
    if (states) return states;
    const bias = B?.data ?? new Float64Array(2 * G * H);
    const weights: Record<string, WeightData> = {
      W_ih: { dims: [G * H, d], data: reorder(W.data, 0, H, d, kind.fromOnnx) },
      W_hh: { dims: [G * H, H], data: reorder(R.data, 0, H, H, kind.fromOnnx) },
      b_ih: { dims: [G * H], data: reorder(bias, 0, H, 1, kind.fromOnnx) },
      b_hh: { dims: [G * H], data: reorder(bias, G * H, H, 1, kind.fromOnnx) },
    };
    const out = ctx.emit(kind.type, { units: H, returnSequences: ctx.attrs.int('return_sequences', 0) === 1 }, [x], weights);
    return typeof out === 'string' ? out : [out];
  };
}
