import type { NodeKind } from '../types';

/** The data enters here. Its output buffer is filled by the trainer, so the kernel has nothing to do. */
export const InputNode: NodeKind = {
  type: 'Input',
  category: 'data',
  title: 'Input',
  explanation:
    'Where the examples enter the network. Its shape comes from the dataset: two numbers for a point on a plane, 784 for a 28×28 image, a table of tokens for a sequence.',
  inputs: [],
  outputs: [{ name: 'out', description: 'one example per row' }],
  params: {},
  inferShape: ({ dataset }) => ({ ok: true, shape: dataset.inputShape }),
  paramTensors: () => [],
  createKernel: () => ({ forward() {} }),
};
