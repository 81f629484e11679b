import type { ExportNode } from '../export-model';
import type { TorchNodeCode } from './emit-nodes';

/**
 * Embedding and the recurrent layers in PyTorch. NetLoom keeps PyTorch's own layouts for them
 * (docs/layers-recurrent.md), so every tensor maps to a parameter unchanged: no transposes.
 */
const RECURRENT_MODULES: Record<string, string> = { SimpleRNN: 'nn.RNN', LSTM: 'nn.LSTM', GRU: 'nn.GRU' };

export function torchRecurrentCode(node: ExportNode): TorchNodeCode | null {
  const p = node.params;
  if (node.type === 'Embedding') {
    return {
      module: `nn.Embedding(${p.vocabSize}, ${p.dim})`,
      // Tokens arrive as floats (whole numbers) in the batch tensor; nn.Embedding wants integer ids.
      call: (self, [x]) => `${self}(${x}.long())`,
      weights: [{ param: 'W', path: 'weight', transposed: false }],
    };
  }
  const module = RECURRENT_MODULES[node.type];
  if (!module) return null;
  const inputShape = node.inputShapes[0]!;
  const d = inputShape[inputShape.length - 1]!;
  const extra = node.type === 'SimpleRNN' ? ', nonlinearity="tanh"' : '';
  return {
    module: `${module}(${d}, ${p.units}${extra}, batch_first=True)`,
    // The module returns (outputs of every step, final state); NetLoom's output is the first, or its last step.
    call: (self, [x]) => (p.returnSequences ? `${self}(${x})[0]` : `${self}(${x})[0][:, -1]`),
    weights: (['W_ih', 'W_hh', 'b_ih', 'b_hh'] as const).map((w) => ({
      param: w,
      path: `${w.startsWith('W') ? 'weight' : 'bias'}_${w.slice(2)}_l0`,
      transposed: false,
    })),
  };
}
