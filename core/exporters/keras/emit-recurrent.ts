import type { ExportNode } from '../export-model';
import { pyLiteral } from '../python/identifiers';

/** Embedding and the recurrent layers as Keras layers, or null for other node types. */
export function kerasRecurrentOpen(node: ExportNode): string | null {
  const p = node.params;
  const seq = `return_sequences=${pyLiteral(p.returnSequences)}`;
  switch (node.type) {
    case 'Embedding': return `layers.Embedding(${p.vocabSize}, ${p.dim}`;
    case 'SimpleRNN': return `layers.SimpleRNN(${p.units}, ${seq}`;
    case 'LSTM': return `layers.LSTM(${p.units}, ${seq}`;
    // reset_after=True is the GRU variant PyTorch (and NetLoom) compute: the reset gate multiplies h·U + b.
    case 'GRU': return `layers.GRU(${p.units}, ${seq}, reset_after=True`;
    default: return null;
  }
}

/** Layer name → recurrent kind, for the weight conversion in RECURRENT_WEIGHTS_PYTHON. */
export function kerasRecurrentKinds(nodes: readonly ExportNode[], layerName: (id: string) => string): string[] {
  return nodes.filter((n) => ['SimpleRNN', 'LSTM', 'GRU'].includes(n.type)).map((n) => `    ${JSON.stringify(layerName(n.id))}: "${n.type}",`);
}

/**
 * NetLoom keeps PyTorch's recurrent layout (W_ih [G·H, d], W_hh [G·H, H], b_ih, b_hh); Keras wants
 * kernel [d, G·H], recurrent_kernel [H, G·H] and one bias (SimpleRNN, LSTM: b_ih + b_hh) or both
 * stacked [2, G·H] (GRU with reset_after). LSTM gates are i, f, c, o in both; Keras' GRU orders them
 * z, r, h where NetLoom has r, z, n. Coming back, a single Keras bias goes to b_ih and b_hh is 0 —
 * the same sums, so the same network.
 */
export const RECURRENT_WEIGHTS_PYTHON = `
def _gru_swap_rz(a):
    """NetLoom's r, z, n blocks (first axis) <-> Keras' z, r, h: swapping the first two both ways."""
    r, z, n = np.split(a, 3, axis=0)
    return np.concatenate([z, r, n], axis=0)


def recurrent_to_keras(kind, arrays):
    w_ih, w_hh, b_ih, b_hh = arrays
    if kind == "GRU":
        w_ih, w_hh, b_ih, b_hh = (_gru_swap_rz(a) for a in (w_ih, w_hh, b_ih, b_hh))
        return [w_ih.T, w_hh.T, np.stack([b_ih, b_hh])]
    return [w_ih.T, w_hh.T, b_ih + b_hh]


def recurrent_from_keras(kind, arrays):
    kernel, recurrent, bias = arrays
    if kind == "GRU":
        return [_gru_swap_rz(kernel.T), _gru_swap_rz(recurrent.T), _gru_swap_rz(bias[0]), _gru_swap_rz(bias[1])]
    return [kernel.T, recurrent.T, bias, np.zeros_like(bias)]
`.trim();
