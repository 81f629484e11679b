import type { ExportNode } from '../export-model';
import { transpose, type KerasModelBuilder } from './tfjs-builder';

/**
 * Embedding and the recurrent layers as Keras layer configs with their weights, the conversion
 * RECURRENT_WEIGHTS_PYTHON (emit-recurrent.ts) does in the Python script, done here in TypeScript:
 * NetLoom keeps PyTorch's W_ih [G·H, d], W_hh [G·H, H], b_ih, b_hh; Keras wants kernel [d, G·H],
 * recurrent_kernel [H, G·H] and one summed bias b_ih + b_hh (the gates are i, f, c, o in both).
 */
export function emitRecurrent(b: KerasModelBuilder, node: ExportNode, name: string, input: string, w: (param: string) => Float32Array): string | null {
  const p = node.params;
  if (node.type === 'Embedding') {
    const out = b.add('Embedding', name, { input_dim: p.vocabSize, output_dim: p.dim, embeddings_initializer: { class_name: 'RandomUniform', config: {} }, mask_zero: false }, [input]);
    b.weight(name, 'embeddings', [p.vocabSize as number, p.dim as number], w('W'));
    return out;
  }
  // (GRU is refused before this: see NO_KERAS_LAYER in tfjs-layers.ts.)
  if (node.type !== 'SimpleRNN' && node.type !== 'LSTM') return null;
  const H = p.units as number;
  const gates = node.type === 'LSTM' ? 4 : 1;
  const d = node.inputShapes[0]![node.inputShapes[0]!.length - 1]!;
  const config: Record<string, unknown> = {
    units: H, return_sequences: p.returnSequences, return_state: false, go_backwards: false, stateful: false, unroll: false,
    activation: 'tanh', use_bias: true,
  };
  // TF.js' default recurrent activation for LSTM is hard_sigmoid, not NetLoom's sigmoid: say it.
  if (node.type === 'LSTM') Object.assign(config, { recurrent_activation: 'sigmoid', unit_forget_bias: false });
  const out = b.add(node.type, name, config, [input]);
  const bHh = w('b_hh');
  b.weight(name, 'kernel', [d, gates * H], transpose(w('W_ih'), [gates * H, d], [1, 0]));
  b.weight(name, 'recurrent_kernel', [H, gates * H], transpose(w('W_hh'), [gates * H, H], [1, 0]));
  b.weight(name, 'bias', [gates * H], w('b_ih').map((v, i) => v + bHh[i]!));
  return out;
}
