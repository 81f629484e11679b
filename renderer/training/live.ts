import type { HostBridge } from '../../core/protocol/host';
import { selectEngine } from '../engine/select-engine';
import { TrainingController } from './controller';

/**
 * One controller per host bridge, shared by the Training panel and every node's live preview (they
 * sit in different parts of the React tree and must see the same runs).
 */
const controllers = new WeakMap<HostBridge, TrainingController>();

export function trainingControllerFor(bridge: HostBridge): TrainingController {
  let c = controllers.get(bridge);
  if (!c) {
    c = new TrainingController(selectEngine(bridge));
    controllers.set(bridge, c);
  }
  return c;
}
