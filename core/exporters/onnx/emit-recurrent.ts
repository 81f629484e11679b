import type { ExportNode } from '../export-model';
import { int, ints, type OnnxGraphBuilder } from './graph-builder';

/**
 * Embedding and the recurrent layers as ONNX ops. The initializers stay in NetLoom's (= PyTorch's)
 * layout and names; the graph reorders the gate blocks into ONNX's order with Slice + Concat, which a
 * runtime folds once at load:
 *   LSTM  NetLoom/PyTorch i, f, g, o  →  ONNX i, o, f, c     (blocks 0, 3, 1, 2)
 *   GRU   NetLoom/PyTorch r, z, n     →  ONNX z, r, h        (blocks 1, 0, 2), linear_before_reset = 1
 *   RNN   one block, Tanh (ONNX's default activation)
 * ONNX wants W [1, G·H, d], R [1, G·H, H] and B [1, 2·G·H] = [b_ih | b_hh], and time-major input
 * [T, N, d] (layout 0, which every runtime supports), so the input is transposed in and the result out.
 */
const ONNX_GATE_ORDER: Record<string, { op: string; blocks: number[]; attributes?: Record<string, ReturnType<typeof int>> }> = {
  SimpleRNN: { op: 'RNN', blocks: [0] },
  LSTM: { op: 'LSTM', blocks: [0, 3, 1, 2] },
  GRU: { op: 'GRU', blocks: [1, 0, 2], attributes: { linear_before_reset: int(1) } },
};

/** ONNX TensorProto.DataType INT64, for Cast. */
const INT64 = 7;

export function emitRecurrent(g: OnnxGraphBuilder, node: ExportNode, x: string, weight: (name: string) => string): string | null {
  const id = node.id;
  if (node.type === 'Embedding') {
    const ids = g.op('Cast', [x], `${id}/token_ids`, { to: int(INT64) });
    return g.op('Gather', [weight('W'), ids], id, { axis: int(0) });
  }
  const spec = ONNX_GATE_ORDER[node.type];
  if (!spec) return null;
  const H = node.params.units as number;
  const axis0 = g.int64s(`${id}/axis0`, [0]);
  /** The gate blocks of a [G·H, …] tensor in ONNX's order, with a leading direction axis of 1 when asked. */
  const reorder = (tensor: string, what: string, unsqueeze: boolean) => {
    let out = tensor;
    if (spec.blocks.some((b, i) => b !== i)) {
      const parts = spec.blocks.map((b) =>
        g.op('Slice', [tensor, g.int64s(`${id}/${what}_start${b}`, [b * H]), g.int64s(`${id}/${what}_end${b}`, [(b + 1) * H]), axis0], `${id}/${what}_gate${b}`));
      out = g.op('Concat', parts, `${id}/${what}_onnx_order`, { axis: int(0) });
    }
    return unsqueeze ? g.op('Unsqueeze', [out, axis0], `${id}/${what}_onnx`) : out;
  };
  const W = reorder(weight('W_ih'), 'W', true);
  const R = reorder(weight('W_hh'), 'R', true);
  const B = g.op('Unsqueeze', [
    g.op('Concat', [reorder(weight('b_ih'), 'Wb', false), reorder(weight('b_hh'), 'Rb', false)], `${id}/B_flat`, { axis: int(0) }),
    axis0,
  ], `${id}/B_onnx`);
  const timeMajor = g.op('Transpose', [x], `${id}/time_major`, { perm: ints([1, 0, 2]) });
  const Y = g.name(`${id}/Y`); // [T, 1, N, H]
  const Yh = g.name(`${id}/Y_h`); // [1, N, H]
  g.nodes.push({
    opType: spec.op,
    name: g.name(`${id}/${spec.op}`),
    inputs: [timeMajor, W, R, B],
    outputs: [Y, Yh],
    attributes: { hidden_size: int(H), ...spec.attributes },
  });
  if (!node.params.returnSequences) return g.op('Squeeze', [Yh, axis0], id);
  const steps = g.op('Squeeze', [Y, g.int64s(`${id}/axis1`, [1])], `${id}/Y_steps`);
  return g.op('Transpose', [steps], id, { perm: ints([1, 0, 2]) });
}
