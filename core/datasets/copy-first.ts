import { num } from './params';
import { classesTarget, tokenTaskDataset } from './token-sequences';

/**
 * The label is the first token; every later token is random noise from the same vocabulary. The answer
 * must survive `length − 1` steps of distraction: a SimpleRNN's state is rewritten at every step and the
 * first token fades (its gradient vanishes), while an LSTM or GRU can hold it in a gated memory.
 */
export const copyFirstDataset = tokenTaskDataset({
  name: 'copy-first',
  title: 'Remember the first token',
  explanation:
    'Each example is a long row of random tokens; the answer is simply the very first one. Everything after ' +
    'it is a distraction. A simple RNN overwrites its memory at every step and soon forgets the start; an ' +
    'LSTM or GRU can learn to lock the first token away and keep it to the end.',
  params: {
    vocab: { kind: 'int', default: 4, min: 2, max: 64, description: 'how many different tokens there are; also the number of classes (chance is 1/vocab)' },
  },
  defaultLength: 30,
  defaultSamples: 2000,
  vocab: (p) => num(p, 'vocab'),
  target: (p) => classesTarget(num(p, 'vocab')),
  make(tokens, p, rng) {
    const V = num(p, 'vocab');
    for (let t = 0; t < tokens.length; t++) tokens[t] = rng.int(V);
    return tokens[0]!;
  },
});
