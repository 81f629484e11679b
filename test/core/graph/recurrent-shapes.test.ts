import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../../core/graph/analyze';
import { formatProblem } from '../../../core/graph/problem';
import { chainGraph } from '../../exporters/helpers/graphs';

/** Shape errors of the recurrent kinds as the editor and `netloom validate` show them: on the node, in plain words. */
describe('recurrent shape errors in a graph', () => {
  it('an LSTM fed flat features [B, 2] (no time axis) names the node and the fix', () => {
    const g = chainGraph('lstm on xor', [['lstm', 'LSTM', { units: 4 }], ['out', 'Dense', { units: 1 }], ['sig', 'Activation', { fn: 'sigmoid' }]], { fn: 'bce' }, {});
    const problems = analyzeGraph(g).problems.map(formatProblem);
    expect(problems).toEqual([
      'nodes[1] (id "lstm"): LSTM reads a sequence [B, T, d] (T steps of d numbers), got [B, 2] with no time axis; for token ids [B, T] put an Embedding in front, for flat features use Dense (input in = [B, 2] from "in")',
    ]);
  });

  it('an Embedding fed one-hot steps names the node and says they are not token ids', () => {
    const g = chainGraph('embedding on one-hot', [['emb', 'Embedding', { vocabSize: 2 }], ['rnn', 'GRU', { units: 4 }], ['out', 'Dense', { units: 1 }], ['sig', 'Activation', { fn: 'sigmoid' }]],
      { fn: 'bce' }, { dataset: { name: 'parity', encoding: 'one-hot', samples: 100, validationSplit: 0.2 } });
    const problems = analyzeGraph(g).problems.map(formatProblem);
    expect(problems[0]).toMatch(/^nodes\[1\] \(id "emb"\): Embedding reads token ids \[B, T\] \(one whole number per position\), got \[B, 8, 2\]; .*one-hot/);
  });

  it('the templates\' shapes: tokens [B, 30] → [B, 30, 8] → [B, 32] → [B, 4]', () => {
    const g = chainGraph('tokens', [['emb', 'Embedding', { vocabSize: 4, dim: 8 }], ['rnn', 'LSTM', { units: 32 }], ['out', 'Dense', { units: 4 }], ['sm', 'Activation', { fn: 'softmax' }]],
      { fn: 'cross_entropy' }, { dataset: { name: 'copy-first', samples: 100, validationSplit: 0.2 } });
    const a = analyzeGraph(g);
    expect(a.problems).toEqual([]);
    expect(Object.fromEntries(a.shapes)).toMatchObject({ in: [30], emb: [30, 8], rnn: [32], out: [4] });
  });
});
