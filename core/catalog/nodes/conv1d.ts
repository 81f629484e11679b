import { convNode } from './conv-layer';

/** 1D convolution over signals [C, L] → [filters, L'], as PyTorch's nn.Conv1d. */
export const Conv1DNode = convNode(1, {
  type: 'Conv1D',
  title: 'Conv 1D',
  explanation:
    'Slides short learned filters along a signal or sequence, channel by channel. Each filter responds to one local pattern (a rise, a spike, a pair of tokens) wherever it occurs, so the layer needs few weights and does not care where the pattern sits.',
  inputs: [{ name: 'in', description: 'a signal [C, L] (channels first)' }],
  outputs: [{ name: 'out', description: 'one response per filter, [filters, L\']' }],
});
