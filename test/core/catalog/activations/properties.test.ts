import { describe, expect, it } from 'vitest';
import { ACTIVATION_LIST } from '../../../../core/catalog/activations';
import { ACTIVATION_PROPERTIES } from '../../../../core/catalog/activations/properties';
import { withDefaults } from '../../../../core/catalog/params';
import { ActivationNode } from '../../../../core/catalog/nodes/activation';

/** The explorer's table is only as good as its facts: check each measurable one on the function itself. */
const xs = Array.from({ length: 8001 }, (_, i) => -20 + i * 0.005);

describe('activation properties', () => {
  it('every catalog activation has an entry, and nothing else does', () => {
    expect(Object.keys(ACTIVATION_PROPERTIES).sort()).toEqual(ACTIVATION_LIST.map((a) => a.fn).sort());
  });

  for (const act of ACTIVATION_LIST) {
    it(`${act.fn}: the table agrees with f and f′`, () => {
      const p = ACTIVATION_PROPERTIES[act.fn]!;
      const params = withDefaults(ActivationNode, { fn: act.fn });
      const f = xs.map((x) => act.f(x, params));
      const df = xs.map((x, i) => act.df(x, f[i]!, params));
      const [lo, hi] = p.range;
      expect(Math.min(...f)).toBeGreaterThanOrEqual(lo - 1e-9);
      expect(Math.max(...f)).toBeLessThanOrEqual(hi + 1e-9);
      const decreases = f.some((y, i) => i > 0 && y < f[i - 1]! - 1e-12);
      expect(decreases, 'monotonic').toBe(!p.monotonic);
      // A kink shows as a jump in f′ between neighbouring samples; a jump in f (step) counts too.
      const jumpDf = df.some((d, i) => i > 0 && Math.abs(d - df[i - 1]!) > 0.05);
      const jumpF = f.some((y, i) => i > 0 && Math.abs(y - f[i - 1]!) > 0.05);
      expect(jumpDf || jumpF, 'smooth').toBe(!p.smooth);
      const odd = xs.every((x, i) => Math.abs(act.f(-x, params) + f[i]!) < 1e-9);
      expect(odd, 'zero-centred').toBe(p.zeroCentred);
      const flatLeft = Math.abs(df[0]!) < 0.01;
      const flatRight = Math.abs(df.at(-1)!) < 0.01;
      // crelu's scalar view is its relu half; the other half, relu(−x), passes gradient for negatives.
      if (act.fn !== 'crelu') expect(flatLeft && flatRight ? 'both' : flatLeft ? 'negative' : 'no', 'saturates').toBe(p.saturates);
      expect(act.paramTensors !== undefined, 'trainable').toBe(p.trainable);
    });
  }
});
