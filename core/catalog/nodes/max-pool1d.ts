import { poolNode } from './pool-layer';

/** Max pooling along signals [C, L], as PyTorch's nn.MaxPool1d. */
export const MaxPool1DNode = poolNode('max', 1, {
  type: 'MaxPool1D',
  title: 'Max pool 1D',
  explanation:
    'Shortens each channel of a signal by keeping only the largest value in every window, so a pattern found a step earlier or later still counts the same.',
  inputs: [{ name: 'in', description: 'a signal [C, L]' }],
  outputs: [{ name: 'out', description: 'a shorter signal, [C, L\']' }],
});
