import { describe, expect, it } from 'vitest';
import type { PlanParam } from '../../../core/compiler/plan';
import { regularizeAndClip } from '../../../core/engine/regularize';

const spec = (decay: boolean): PlanParam => ({ id: 0, node: 'd', name: decay ? 'W' : 'b', shape: [2], size: 2, init: 'zeros', fanIn: 1, fanOut: 1, decay });

describe('regularizeAndClip', () => {
  it('adds l1·sign(w) + 2·l2·w to weights only', () => {
    const w = Float64Array.of(0.5, -2), b = Float64Array.of(0.5, -2);
    const gw = Float64Array.of(0, 0), gb = Float64Array.of(0, 0);
    regularizeAndClip([spec(true), spec(false)], [w, b], [gw, gb], { l1: 0.1, l2: 0.01 });
    expect(Array.from(gw)).toEqual([0.1 + 0.01, -0.1 - 0.04]);
    expect(Array.from(gb)).toEqual([0, 0]);
  });

  it('clipNorm scales all gradients together to the norm; clipValue clamps each', () => {
    const g1 = Float64Array.of(3, 0), g2 = Float64Array.of(0, 4);
    regularizeAndClip([spec(true), spec(true)], [new Float64Array(2), new Float64Array(2)], [g1, g2], { clipNorm: 1 });
    expect(Math.hypot(...g1, ...g2)).toBeCloseTo(1, 5);
    expect(g1[0]! / g2[1]!).toBeCloseTo(0.75, 10);
    const g = Float64Array.of(-5, 0.2);
    regularizeAndClip([spec(true)], [new Float64Array(2)], [g], { clipValue: 0.5 });
    expect(Array.from(g)).toEqual([-0.5, 0.2]);
  });
});
