import { poolNode } from './pool-layer';

/** Max pooling over images [C, H, W], as PyTorch's nn.MaxPool2d. */
export const MaxPool2DNode = poolNode('max', 2, {
  type: 'MaxPool2D',
  title: 'Max pool 2D',
  explanation:
    'Shrinks each feature map by keeping only the strongest value in every small window. The map gets smaller and cheaper, and a feature that moves by a pixel or two still gives the same answer.',
  inputs: [{ name: 'in', description: 'feature maps [C, H, W]' }],
  outputs: [{ name: 'out', description: 'smaller maps, [C, H\', W\']' }],
});
