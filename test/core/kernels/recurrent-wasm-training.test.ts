import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../core/graph/schema';
import { chainGraph } from '../../exporters/helpers/graphs';
import { expectBackendsAgree, planWithData } from './helpers/backends-agree';

/**
 * The wasm recurrent cells inside whole graphs: H a multiple of 4 and not (the LSTM/GRU rows then end in an
 * overlapping vector, the SimpleRNN's flat run in a scalar tail), in both output modes, a forward and a
 * backward on a partial batch give the same loss and parameter gradients as the TS cells (backend 'js'),
 * to float tolerance. Both recurrent layers of the stacked graph also pass gradient to their input.
 */
const counting = { name: 'count-tokens', samples: 120, length: 7, vocab: 3, maxCount: 2, encoding: 'one-hot', validationSplit: 0.2 };

function graphs(): { name: string; graph: Graph }[] {
  const head = [['flat', 'Flatten', {}], ['out', 'Dense', { units: 3 }], ['sm', 'Activation', { fn: 'softmax' }]] as [string, string, Record<string, unknown>][];
  const one = (type: string, units: number, returnSequences: boolean, extra: Record<string, unknown> = {}) => ({
    name: `${type} H=${units}${returnSequences ? ' sequences' : ''}`,
    graph: chainGraph(type, [['rec', type, { units, returnSequences, ...extra }], ...head], { fn: 'cross_entropy' }, { dataset: counting, batchSize: 8 }),
  });
  return [
    one('LSTM', 8, false), one('LSTM', 8, true, { forgetBias: 1.5 }), one('LSTM', 5, false), one('LSTM', 7, true),
    one('GRU', 8, false, { updateBias: 1 }), one('GRU', 8, true), one('GRU', 6, true), one('GRU', 5, false),
    one('SimpleRNN', 6, false), one('SimpleRNN', 8, true),
    {
      name: 'GRU H=4 → LSTM H=8 → SimpleRNN H=4, stacked',
      graph: chainGraph('stacked', [
        ['gru', 'GRU', { units: 4, returnSequences: true }], ['lstm', 'LSTM', { units: 8, returnSequences: true }],
        ['rnn', 'SimpleRNN', { units: 4, returnSequences: true }], ...head,
      ], { fn: 'cross_entropy' }, { dataset: counting, batchSize: 8 }),
    },
  ];
}

describe('wasm recurrent cells agree with the TS cells in a whole graph', () => {
  it.each(graphs())('$name', async ({ graph }) => {
    const { plan, data } = await planWithData(graph);
    expectBackendsAgree(plan, data, 21);
  });
});
