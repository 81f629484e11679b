import { poolNode } from './pool-layer';

/** Average pooling along signals [C, L], as PyTorch's nn.AvgPool1d (padding zeros count). */
export const AvgPool1DNode = poolNode('avg', 1, {
  type: 'AvgPool1D',
  title: 'Average pool 1D',
  explanation:
    'Shortens each channel of a signal by averaging every window, a smoothed summary of what happened there.',
  inputs: [{ name: 'in', description: 'a signal [C, L]' }],
  outputs: [{ name: 'out', description: 'a shorter signal, [C, L\']' }],
});
