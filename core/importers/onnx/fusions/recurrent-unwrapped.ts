import type { Fusion } from './index';
import { isPerm, RECURRENT_OPS, zeroState } from './recurrent';

/**
 * A batch-first RNN/LSTM/GRU whose output wrapping the recurrent fusion did not recognise (a
 * bidirectional layer's Y [T, 2, N, H], a used Y_c…) would otherwise be refused at its Transpose
 * [1, 0, 2], which names neither the layer nor the reason. Reading x directly (and dropping the zero
 * initial states) lets the op's own mapper refuse it, saying what in the op NetLoom cannot model.
 */
export const recurrentUnwrappedPattern: Fusion = (root, index) => {
  if (!(RECURRENT_OPS as readonly string[]).includes(root.opType ?? '') || root.domain) return null;
  const t = index.input(root, 0, 'Transpose');
  if (!t || !isPerm(t, [1, 0, 2])) return null;
  const inputs = [t.input?.[0] ?? '', ...(root.input ?? []).slice(1)];
  const zeros = [];
  for (const i of [5, 6]) {
    const z = inputs[i] ? zeroState(index, inputs[i]!) : undefined;
    if (z) {
      inputs[i] = '';
      zeros.push(z);
    }
  }
  return { node: { ...root, input: inputs }, absorbed: [t, ...zeros] };
};
