import { describe, expect, it } from 'vitest';
import { MeanPoolNode } from '../../../../core/catalog/nodes/mean-pool';
import { checkOp } from '../../../helpers/gradcheck';

describe('MeanPool', () => {
  it('averages [T, d] over T', () => {
    const [T, d] = [5, 3];
    const r = checkOp({
      kind: MeanPoolNode,
      inputs: [[T, d]],
      expectShape: [d],
      reference: ([x], _p, n) => {
        const y = new Float64Array(n * d);
        for (let s = 0; s < n; s++) for (let j = 0; j < d; j++) {
          let sum = 0;
          for (let t = 0; t < T; t++) sum += x![(s * T + t) * d + j]!;
          y[s * d + j] = sum / T;
        }
        return y;
      },
    });
    expect(r.outputShape).toEqual([d]);
    expect(r.forwardMaxDiff).toBeLessThan(1e-14);
    expect(r.maxRelError, r.worst).toBeLessThan(1e-3);
  });

  it.each([[[4]], [[2, 3, 4]]])('refuses %j and suggests Flatten', (shape) => {
    const r = MeanPoolNode.inferShape({ params: {}, inputs: [shape], dataset: { inputShape: shape, target: { kind: 'binary' } } });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(`got [B, ${shape.join(', ')}]`);
    expect(!r.ok && r.message).toMatch(/Flatten/);
  });
});
