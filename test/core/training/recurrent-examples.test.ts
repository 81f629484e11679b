import { describe, expect, it } from 'vitest';
import { loadExample, trainExample } from '../../helpers/examples';

/**
 * The lesson of the recurrent templates, checked by training them with their own settings: on
 * copy-first with 30-token rows (4 tokens, chance 25%), an LSTM (and a GRU) remembers the first token
 * while a SimpleRNN, with the same data, budget and optimizer, stays near chance.
 */
describe('recurrent templates on copy-first', () => {
  it('all three read the same 30-token copy-first task with the same budget', () => {
    const graphs = ['copy-first-lstm', 'copy-first-simple-rnn', 'copy-first-gru'].map(loadExample);
    for (const g of graphs) {
      expect(g.training.dataset).toMatchObject({ name: 'copy-first', length: 30, vocab: 4 });
      expect(g.training).toEqual({ ...graphs[0]!.training });
    }
  });

  it('the LSTM reaches ≥ 95% validation accuracy', async () => {
    const r = await trainExample(loadExample('copy-first-lstm'));
    expect(r.validation.accuracy).toBeGreaterThanOrEqual(0.95);
  }, 120_000);

  it('the SimpleRNN stays near chance (≤ 35%, chance is 25%)', async () => {
    const r = await trainExample(loadExample('copy-first-simple-rnn'));
    expect(r.validation.accuracy).toBeLessThanOrEqual(0.35);
  }, 120_000);

  it('the GRU reaches ≥ 95% validation accuracy', async () => {
    const r = await trainExample(loadExample('copy-first-gru'));
    expect(r.validation.accuracy).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});

describe('iris-mlp', () => {
  it('classifies ≥ 90% of the held-out flowers', async () => {
    const r = await trainExample(loadExample('iris-mlp'));
    expect(r.validation.accuracy).toBeGreaterThanOrEqual(0.9);
  });
});
