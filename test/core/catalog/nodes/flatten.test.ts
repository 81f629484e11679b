import { describe, expect, it } from 'vitest';
import { FlattenNode } from '../../../../core/catalog/nodes/flatten';
import { checkOp } from '../../../helpers/gradcheck';

describe('Flatten', () => {
  it('turns [2, 3, 4] into [24] keeping row-major order', () => {
    const r = checkOp({
      kind: FlattenNode,
      inputs: [[2, 3, 4]],
      expectShape: [24],
      // Same storage order: sample s, then a, b, c with c fastest.
      reference: ([x], _p, n) => {
        const y: number[] = [];
        for (let s = 0; s < n; s++) for (let a = 0; a < 2; a++) for (let b = 0; b < 3; b++) for (let c = 0; c < 4; c++) {
          y.push(x![s * 24 + a * 12 + b * 4 + c]!);
        }
        return y;
      },
    });
    expect(r.outputShape).toEqual([24]);
    expect(r.forwardMaxDiff).toBe(0);
    expect(r.maxRelError, r.worst).toBeLessThan(1e-3);
  });

  it('leaves a flat vector as it is', () => {
    const r = checkOp({ kind: FlattenNode, inputs: [[5]], reference: ([x]) => x! });
    expect(r.outputShape).toEqual([5]);
    expect(r.maxRelError, r.worst).toBeLessThan(1e-3);
  });
});
