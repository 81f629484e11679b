import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinSeriesInto, mergeSorted, mergeSortedInto } from '../../../renderer/training/charts/align';

/**
 * The loss chart refills one table per redraw instead of allocating a new one: what it draws must be
 * exactly what a fresh merge gives, whatever the previous redraw left in the arrays (longer, shorter,
 * other values), and batch steps divided into epochs on the way must land where a mapped copy would.
 */
const sortedXs = fc.uniqueArray(fc.integer({ min: 0, max: 5000 }), { maxLength: 60 }).map((xs) => xs.sort((p, q) => p - q));
const table = (cols: number) => sortedXs.chain((xs) => fc.tuple(...Array.from({ length: cols }, () => fc.array(fc.oneof(fc.float({ noNaN: true }), fc.constant(null)), { minLength: xs.length, maxLength: xs.length })))
  .map((ys) => [xs, ...ys] as [number[], ...(number | null)[][]]));

describe('mergeSortedInto (reused chart table)', () => {
  it('equals a fresh merge after any earlier fill of the same arrays (property)', () => {
    fc.assert(fc.property(table(1), table(2), table(1), table(2), fc.integer({ min: 1, max: 7 }), (a0, b0, a, b, per) => {
      const reused = mergeSortedInto(null, a0, b0, per);
      const arrays = [...reused];
      const again = mergeSortedInto(reused, a, b, per);
      expect(again).toBe(reused);
      again.forEach((col, k) => expect(col).toBe(arrays[k]));
      const scaled: [number[], ...(number | null)[][]] = [a[0].map((s) => s / per), ...a.slice(1) as (number | null)[][]];
      expect(again.map((col) => [...col])).toEqual(mergeSorted(scaled, b));
    }), { numRuns: 200 });
  });

  it('starts a new table when the column count differs', () => {
    const first = mergeSortedInto(null, [[1], [2]], [[1], [3]]);
    const other = mergeSortedInto(first, [[1], [2], [4]], [[2], [3]]);
    expect(other).not.toBe(first);
    expect(other).toEqual([[1, 2], [2, null], [4, null], [null, 3]]);
  });
});

describe('joinSeriesInto (gradient norms per layer on one x axis)', () => {
  const series = fc.uniqueArray(fc.integer({ min: 0, max: 300 }), { maxLength: 40 })
    .chain((xs) => fc.array(fc.float({ noNaN: true, min: -1, max: 10 }), { minLength: xs.length, maxLength: xs.length })
      .map((ys) => ({ x: [...xs].sort((p, q) => p - q), y: ys })));

  it('is the union of the x values, each series valued where it has a point and null elsewhere, reusing its arrays (property)', () => {
    fc.assert(fc.property(fc.array(series, { maxLength: 6 }), fc.array(series, { maxLength: 6 }), (before, all) => {
      const map = (v: number) => (v > 0 ? v : v === 0 ? 1e-9 : null);
      const first = joinSeriesInto(null, before, map);
      const got = joinSeriesInto(before.length === all.length ? first : null, all, map);
      if (before.length === all.length) expect(got).toBe(first);
      const xs = [...new Set(all.flatMap((s) => s.x))].sort((p, q) => p - q);
      expect(got[0]).toEqual(xs);
      all.forEach((s, k) => {
        const byX = new Map(s.x.map((x, i) => [x, s.y[i]!]));
        expect(got[1 + k]).toEqual(xs.map((x) => (byX.has(x) ? map(byX.get(x)!) : null)));
      });
    }), { numRuns: 200 });
  });
});
