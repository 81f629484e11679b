import type { OptimizerConfig } from '../../graph/schema';
import { createAdam } from './adam';
import { createRmsprop } from './rmsprop';
import { createSgd } from './sgd';
import type { Optimizer, StateAlloc } from './types';

export type { Optimizer } from './types';

/** AdamW's default decoupled weight decay, as in PyTorch. */
export const ADAMW_DEFAULT_DECAY = 0.01;

export function createOptimizer(config: OptimizerConfig, sizes: number[], alloc: StateAlloc): Optimizer {
  switch (config.type) {
    case 'sgd':
      return createSgd(sizes, alloc, config);
    case 'rmsprop':
      return createRmsprop(sizes, alloc, config);
    case 'adam':
      return createAdam(sizes, alloc, config);
    case 'adamw':
      return createAdam(sizes, alloc, { ...config, decoupledDecay: config.weightDecay ?? ADAMW_DEFAULT_DECAY });
  }
}
