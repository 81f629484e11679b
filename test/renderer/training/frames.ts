import type { EngineFrame } from '../../../core/protocol/engine';
import type { EventOf, NodeStats } from '../../../core/protocol/events';

/** Frames as the worker would send them, with only the fields a test cares about set. */
export function frame(runId: string, over: Partial<EngineFrame> = {}): EngineFrame {
  return {
    type: 'frame', runId, state: 'running', step: 0, epoch: 0, batchInEpoch: 0,
    batchLosses: new Float32Array(0), batchStride: 1, firstBatchStep: 0, epochs: [], done: false, ...over,
  };
}

export function lossFrame(runId: string, firstStep: number, losses: number[], stride = 1, over: Partial<EngineFrame> = {}): EngineFrame {
  const last = firstStep + (losses.length - 1) * stride;
  return frame(runId, { step: last, batchLosses: Float32Array.from(losses), batchStride: stride, firstBatchStep: firstStep, ...over });
}

export function epochEvent(epoch: number, loss: number, accuracy?: number): EventOf<'epoch'> {
  const m = accuracy === undefined ? { loss } : { loss, accuracy };
  return { type: 'epoch', epoch, train: m, validation: { ...m, loss: loss * 1.1 } };
}

export function stats(id: string, gradNorms: Record<string, number>): NodeStats {
  return { id, mean: 0, std: 1, histogram: { min: -1, max: 1, counts: [1, 2, 3] }, gradNorms };
}
