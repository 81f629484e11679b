import { fillBatch } from '../engine/batch';
import type { Executor } from '../engine/executor';
import type { DataSplit } from '../datasets/types';
import type { EventOf } from '../protocol/events';

/**
 * Predictions on a size×size grid covering the training points (padded 10%), for 2D inputs only.
 * Uses the executor's own buffers in eval mode, so it must run between training steps.
 */
export function decisionGrid(exec: Executor, train: DataSplit, epoch: number, size = 40): EventOf<'decisionGrid'> | null {
  const { plan } = exec;
  if (plan.tensors[plan.inputTensor]!.size !== 2 || plan.dataset.inputShape.length !== 1) return null;
  const { xRange: [x0, x1], yRange: [y0, y1] } = planeRange(train);
  const total = size * size;
  const points: DataSplit = { count: total, inputs: new Float32Array(total * 2), targets: new Float32Array(total * plan.target.size) };
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const k = r * size + c;
      points.inputs[2 * k] = x0 + ((c + 0.5) / size) * (x1 - x0);
      points.inputs[2 * k + 1] = y0 + ((r + 0.5) / size) * (y1 - y0);
    }
  }
  const values = new Array<number>(total);
  const kind = plan.task === 'regression' ? 'value' : plan.target.size === 1 ? 'probability' : 'class';
  const B = plan.batchSize;
  const out = plan.target.size;
  for (let start = 0; start < total; start += B) {
    const n = Math.min(B, total - start);
    // Targets are irrelevant here: the loss op just runs on zeros.
    fillBatch(plan, points, null, start, n, exec.input, exec.target);
    exec.forward(n, false);
    const p = exec.prediction;
    for (let i = 0; i < n; i++) {
      if (kind === 'class') {
        let best = 0;
        for (let j = 1; j < out; j++) if (p[i * out + j]! > p[i * out + best]!) best = j;
        values[start + i] = best;
      } else if (kind === 'probability' && plan.prediction === 'logit') values[start + i] = 1 / (1 + Math.exp(-p[i]!));
      else values[start + i] = p[i * out]!;
    }
  }
  return { type: 'decisionGrid', epoch, size, xRange: [x0, x1], yRange: [y0, y1], values, kind };
}

/** The square the grids cover: the training points' bounding box, padded 10% (shared with the unit maps). */
export function planeRange(train: DataSplit): { xRange: [number, number]; yRange: [number, number] } {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < train.count; i++) {
    const x = train.inputs[2 * i]!, y = train.inputs[2 * i + 1]!;
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
  }
  if (!(x1 > x0)) { x0 -= 1; x1 += 1; }
  if (!(y1 > y0)) { y0 -= 1; y1 += 1; }
  const px = (x1 - x0) * 0.1, py = (y1 - y0) * 0.1;
  return { xRange: [x0 - px, x1 + px], yRange: [y0 - py, y1 + py] };
}
