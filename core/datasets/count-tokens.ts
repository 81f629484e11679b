import { DatasetParamError, num } from './params';
import { classesTarget, tokenTaskDataset } from './token-sequences';

/** Token 1 is the one counted; the others (0, 2, 3, …) are filler. */
const COUNTED = 1;

/**
 * How many times token 1 occurs. The count is drawn uniformly from 0 … maxCount first (so every class is
 * equally common), the copies go to random positions and the rest is filler. The network must keep a
 * running tally in its state, one step at a time.
 */
export const countTokensDataset = tokenTaskDataset({
  name: 'count-tokens',
  title: 'Count a token',
  explanation:
    'Each example is a row of tokens; the answer is how many times token 1 appears in it (0, 1, 2, …). The ' +
    'copies can be anywhere, so the network has to keep a tally as it reads and must not lose count.',
  params: {
    vocab: { kind: 'int', default: 4, min: 2, max: 64, description: 'how many different tokens there are (token 1 is the one counted)' },
    maxCount: { kind: 'int', default: 4, min: 1, max: 64, description: 'largest count; the classes are 0 … maxCount, equally common' },
  },
  defaultLength: 12,
  defaultSamples: 2000,
  vocab: (p) => num(p, 'vocab'),
  target: (p) => classesTarget(num(p, 'maxCount') + 1),
  check(p) {
    if (num(p, 'maxCount') > num(p, 'length')) {
      throw new DatasetParamError('maxCount', `must be at most length (${num(p, 'length')}): a sequence cannot hold more copies than positions, got ${num(p, 'maxCount')}`);
    }
  },
  make(tokens, p, rng) {
    const V = num(p, 'vocab');
    const count = rng.int(num(p, 'maxCount') + 1);
    // Filler avoids the counted token: draw from V − 1 ids and skip over it.
    for (let t = 0; t < tokens.length; t++) {
      const f = rng.int(V - 1);
      tokens[t] = f >= COUNTED ? f + 1 : f;
    }
    // Place the copies at `count` distinct positions (a partial Fisher–Yates over positions).
    const T = tokens.length;
    const positions = Array.from({ length: T }, (_, i) => i);
    for (let k = 0; k < count; k++) {
      const j = k + rng.int(T - k);
      [positions[k], positions[j]] = [positions[j]!, positions[k]!];
      tokens[positions[k]!] = COUNTED;
    }
    return count;
  },
});
