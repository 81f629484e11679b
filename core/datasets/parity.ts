import { tokenTaskDataset } from './token-sequences';

/**
 * Bits 0/1; the label is 1 when the number of 1s is odd. Every bit flips the answer, so the network
 * has to carry one running bit through the whole sequence — nothing short of the full count will do.
 */
export const parityDataset = tokenTaskDataset({
  name: 'parity',
  title: 'Parity of bits',
  explanation:
    'Each example is a row of 0s and 1s; the answer is 1 when it contains an odd number of 1s. Changing any ' +
    'single bit flips the answer, so the network has to keep one running bit in memory from the first ' +
    'step to the last. Longer rows are much harder.',
  params: {},
  defaultLength: 8,
  lengthDescription: 'bits per sequence',
  defaultSamples: 2000,
  vocab: () => 2,
  target: () => ({ kind: 'binary' }),
  make(tokens, _p, rng) {
    let odd = 0;
    for (let t = 0; t < tokens.length; t++) {
      tokens[t] = rng.int(2);
      odd ^= tokens[t]!;
    }
    return odd;
  },
});
