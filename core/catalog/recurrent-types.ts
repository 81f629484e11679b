/** Node types whose kernel keeps a hidden state over time (`inspect().hidden`, [T+1, n, H]). */
export const RECURRENT_TYPES: ReadonlySet<string> = new Set(['SimpleRNN', 'LSTM', 'GRU']);
