import { convNode } from './conv-layer';

/** 2D convolution over images [C, H, W] → [filters, H', W'], as PyTorch's nn.Conv2d (cross-correlation). */
export const Conv2DNode = convNode(2, {
  type: 'Conv2D',
  title: 'Conv 2D',
  explanation:
    'Slides small learned filters over an image. Each filter looks at a little patch at a time and answers "how much does this patch look like my pattern?", giving one map per filter. Because the same filter is used everywhere, it finds an edge or a corner wherever it is, with few weights.',
  inputs: [{ name: 'in', description: 'an image [C, H, W] (channels first)' }],
  outputs: [{ name: 'out', description: 'one feature map per filter, [filters, H\', W\']' }],
});
