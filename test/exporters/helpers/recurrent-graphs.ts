import type { Graph } from '../../../core/graph/schema';
import { chainGraph } from './graphs';

/**
 * Small graphs covering Embedding, SimpleRNN, LSTM and GRU for the exporters' parity tests: both output
 * modes, token and one-hot inputs, a recurrent layer feeding another, and the iris dataset.
 * Sequences are short and datasets small so 20 steps of each stay fast.
 */
export function recurrentGraphs(): { name: string; graph: Graph }[] {
  const copyFirst = { name: 'copy-first', samples: 300, length: 6, vocab: 4, validationSplit: 0.2 };
  const parityOneHot = { name: 'parity', samples: 300, length: 5, encoding: 'one-hot', validationSplit: 0.2 };
  const countOneHot = { name: 'count-tokens', samples: 300, length: 6, vocab: 3, maxCount: 2, encoding: 'one-hot', validationSplit: 0.2 };
  return [
    {
      name: 'rnn-embedding-lstm',
      graph: chainGraph('embedding lstm', [
        ['emb', 'Embedding', { vocabSize: 4, dim: 3 }],
        ['lstm', 'LSTM', { units: 5, forgetBias: 1.5 }],
        ['out', 'Dense', { units: 4 }],
        ['sm', 'Activation', { fn: 'softmax' }],
      ], { fn: 'cross_entropy' }, { dataset: copyFirst }),
    },
    {
      name: 'rnn-simple-sequences',
      graph: chainGraph('simple rnn sequences', [
        ['rnn', 'SimpleRNN', { units: 4, returnSequences: true }],
        ['pool', 'MeanPool', {}],
        ['out', 'Dense', { units: 1 }],
        ['sig', 'Activation', { fn: 'sigmoid' }],
      ], { fn: 'bce' }, { dataset: parityOneHot }),
    },
    {
      name: 'rnn-gru-stacked-lstm',
      graph: chainGraph('gru into lstm', [
        ['gru', 'GRU', { units: 4, returnSequences: true, updateBias: 1 }],
        ['lstm', 'LSTM', { units: 3, returnSequences: true }],
        ['flat', 'Flatten', {}],
        ['out', 'Dense', { units: 3 }],
        ['sm', 'Activation', { fn: 'softmax' }],
      ], { fn: 'cross_entropy' }, { dataset: countOneHot }),
    },
    {
      name: 'rnn-embedding-gru-simple',
      graph: chainGraph('embedding gru simple rnn', [
        ['emb', 'Embedding', { vocabSize: 4, dim: 2 }],
        ['gru', 'GRU', { units: 3 }],
        ['out', 'Dense', { units: 4 }],
        ['sm', 'Activation', { fn: 'softmax' }],
      ], { fn: 'cross_entropy' }, { dataset: copyFirst }),
    },
    {
      name: 'rnn-simple-last',
      graph: chainGraph('simple rnn last', [
        ['rnn', 'SimpleRNN', { units: 3 }],
        ['out', 'Dense', { units: 1 }],
        ['sig', 'Activation', { fn: 'sigmoid' }],
      ], { fn: 'bce' }, { dataset: parityOneHot }),
    },
    {
      name: 'iris-mlp',
      graph: chainGraph('iris mlp', [
        ['h', 'Dense', { units: 8 }],
        ['r', 'Activation', { fn: 'relu' }],
        ['out', 'Dense', { units: 3 }],
        ['sm', 'Activation', { fn: 'softmax' }],
      ], { fn: 'cross_entropy' }, { dataset: { name: 'iris', validationSplit: 0.2 } }),
    },
  ];
}
