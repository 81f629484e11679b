import { poolNode } from './pool-layer';

/** Average pooling over images [C, H, W], as PyTorch's nn.AvgPool2d (padding zeros count). */
export const AvgPool2DNode = poolNode('avg', 2, {
  type: 'AvgPool2D',
  title: 'Average pool 2D',
  explanation:
    'Shrinks each feature map by averaging every small window. It keeps a smoothed summary of the whole window, where max pooling keeps only its strongest value.',
  inputs: [{ name: 'in', description: 'feature maps [C, H, W]' }],
  outputs: [{ name: 'out', description: 'smaller maps, [C, H\', W\']' }],
});
