import { describe, expect, it } from 'vitest';
import { LayerNormNode } from '../../../../core/catalog/nodes/layer-norm';
import { checkOp } from '../../../helpers/gradcheck';

/** Per row of the last axis: (x − mean) / √(biased var + 1e-5) · γ + β, two passes, no shortcuts. */
function layerNormReference(rows: number, d: number) {
  return ([x]: Float64Array[], [gamma, beta]: Float64Array[], n: number) => {
    const y = new Float64Array(n * rows * d);
    for (let r = 0; r < n * rows; r++) {
      const row = Array.from(x!.subarray(r * d, r * d + d));
      const mean = row.reduce((a, b) => a + b, 0) / d;
      const variance = row.reduce((a, b) => a + (b - mean) ** 2, 0) / d;
      for (let j = 0; j < d; j++) y[r * d + j] = ((row[j]! - mean) / Math.sqrt(variance + 1e-5)) * gamma![j]! + beta![j]!;
    }
    return y;
  };
}

describe('LayerNorm', () => {
  it('normalises a flat vector; gradients for x, gamma and beta', () => {
    const r = checkOp({ kind: LayerNormNode, inputs: [[6]], expectShape: [6], reference: layerNormReference(1, 6) });
    expect(r.outputShape).toEqual([6]);
    expect(r.forwardMaxDiff).toBeLessThan(1e-12);
    expect(r.maxRelError, r.worst).toBeLessThan(1e-3);
  });

  it('normalises every position of a sequence separately', () => {
    const r = checkOp({ kind: LayerNormNode, inputs: [[4, 5]], batch: 2, reference: layerNormReference(4, 5) });
    expect(r.outputShape).toEqual([4, 5]);
    expect(r.forwardMaxDiff).toBeLessThan(1e-12);
    expect(r.maxRelError, r.worst).toBeLessThan(1e-3);
  });

  it('starts as a plain normaliser: gamma ones, beta zeros, neither decayed', () => {
    const specs = LayerNormNode.paramTensors({ params: {}, inputs: [[4, 5]], output: [4, 5] });
    expect(specs.map((s) => [s.name, s.shape, s.init, s.decay])).toEqual([
      ['gamma', [5], 'ones', false],
      ['beta', [5], 'zeros', false],
    ]);
  });
});
