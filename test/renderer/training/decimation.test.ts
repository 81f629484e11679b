import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedSeries, DecimatedTable, EpochTable } from '../../../renderer/training/bounded-series';

/**
 * The charts' decimation: whatever the run length, a series stays within its cap, keeps its first and
 * newest points, and keeps the minimum and maximum of every bucket of `bucketWidth` raw points, so
 * a spike or a dip anywhere in a long run is still drawn.
 */
function check(values: number[], cap: number): void {
  const s = new BoundedSeries(cap);
  values.forEach((v, i) => s.push(i, v));
  const t = (s as unknown as { t: DecimatedTable }).t;
  expect(s.length).toBeLessThanOrEqual(cap);
  expect(s.x[0]).toBe(0);
  expect(s.x[s.length - 1]).toBe(values.length - 1);
  expect(s.last()).toBe(values[values.length - 1]);
  // x strictly increasing (no duplicates), and every kept point is a real raw point.
  for (let i = 1; i < s.length; i++) expect(s.x[i]!).toBeGreaterThan(s.x[i - 1]!);
  s.x.forEach((x, i) => expect(s.y[i]).toBe(values[x]));
  // Each bucket's (after the first point) min and max are kept; the last, open bucket too.
  const w = t.bucketWidth;
  const kept = new Set(s.x);
  for (let start = 1; start < values.length; start += w) {
    const bucket = values.slice(start, start + w);
    const lo = Math.min(...bucket);
    const hi = Math.max(...bucket);
    const xs = bucket.map((_, i) => start + i).filter((x) => kept.has(x));
    expect(xs.some((x) => values[x] === lo), `min of bucket at ${start}`).toBe(true);
    expect(xs.some((x) => values[x] === hi), `max of bucket at ${start}`).toBe(true);
  }
}

describe('decimation (min/max per bucket)', () => {
  it('keeps first, last, and every bucket\'s extremes within the cap (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.float({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 3000 }),
      fc.integer({ min: 8, max: 200 }),
      (values, cap) => check(values, cap),
    ), { numRuns: 150 });
  });

  it('keeps a single spike in a million flat points, with at most cap points', () => {
    const s = new BoundedSeries(400);
    for (let i = 0; i < 1_000_000; i++) s.push(i, i === 654_321 ? 50 : i === 123_456 ? -50 : 1);
    expect(s.length).toBeLessThanOrEqual(400);
    expect(s.x[0]).toBe(0);
    expect(s.x[s.length - 1]).toBe(999_999);
    expect(s.x).toContain(654_321);
    expect(s.x).toContain(123_456);
  });

  it('is exact (no points dropped) while under the cap', () => {
    const s = new BoundedSeries(100);
    for (let i = 0; i < 90; i++) s.push(i, Math.sin(i));
    expect(s.x).toEqual(Array.from({ length: 90 }, (_, i) => i));
  });

  it('keeps the epoch columns aligned and each column\'s extremes', () => {
    const t = new EpochTable(60);
    const n = 5000;
    for (let e = 1; e <= n; e++) t.push(e, 1 / e + (e === 2500 ? 3 : 0), 1 / e, e === 4000 ? 0 : 0.9, NaN);
    expect(t.length).toBeLessThanOrEqual(60);
    expect(t.epoch.y[0]).toBe(1);
    expect(t.epoch.y[t.length - 1]).toBe(n);
    expect(t.trainLoss.y.length).toBe(t.length);
    expect(t.valAcc.y.length).toBe(t.length);
    // Row i of every column belongs to epoch x[i].
    t.epoch.y.forEach((e, i) => expect(t.valLoss.y[i]).toBe(1 / e));
    expect(t.epoch.y).toContain(2500);
    expect(t.epoch.y).toContain(4000);
  });

  it('refuses a cap too small to hold a bucket', () => {
    expect(() => new DecimatedTable(5, 1)).toThrow(/at least/);
  });
});
