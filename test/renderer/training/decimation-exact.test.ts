import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecimatedTable, EpochTable } from '../../../renderer/training/bounded-series';

/**
 * The exact rows a decimated table holds, from the raw rows alone: the first row; then, per bucket of
 * `width` rows (from the second row on), the earliest row holding each column's minimum and maximum
 * (NaN ignored; the bucket's first row when a bucket has only NaN); then the newest row if it is not
 * already there. Pushing in place (the allocation-free path for rows that change nothing) must give
 * the same table as this, row for row.
 */
function expected(rows: number[][], width: number): number[] {
  const out = [0];
  for (let start = 1; start < rows.length; start += width) {
    const end = Math.min(rows.length, start + width);
    const keep = new Set<number>();
    for (let c = 0; c < rows[0]!.length; c++) {
      let lo = -1;
      let hi = -1;
      for (let i = start; i < end; i++) {
        const v = rows[i]![c]!;
        if (Number.isNaN(v)) continue;
        if (lo < 0 || v < rows[lo]![c]!) lo = i;
        if (hi < 0 || v > rows[hi]![c]!) hi = i;
      }
      if (lo >= 0) keep.add(lo);
      if (hi >= 0) keep.add(hi);
    }
    if (keep.size === 0) keep.add(start);
    out.push(...[...keep].sort((a, b) => a - b));
  }
  if (out[out.length - 1] !== rows.length - 1) out.push(rows.length - 1);
  return out;
}

// Few distinct values, so ties (which keep the earlier row) and NaN come up often.
const value = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: -4, max: 4 }) }, { weight: 1, arbitrary: fc.constant(NaN) });

describe('decimated table: exact content', () => {
  it('holds exactly the rows the bucket rule names, however long the run (property)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 3 }).chain((cols) => fc.tuple(fc.constant(cols), fc.array(fc.array(value, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 1500, size: 'max' }))),
      fc.integer({ min: 0, max: 40 }),
      ([cols, rows], extra) => {
        const t = new DecimatedTable(2 + 3 * 2 * cols + 2 * cols * extra, cols);
        const scratch = new Array<number>(cols).fill(0);
        rows.forEach((r, i) => {
          // Alternate both entry points: the variadic one and the reused-array one.
          if (i % 3 === 0) t.push(i, ...r);
          else {
            r.forEach((v, c) => (scratch[c] = v));
            t.pushRow(i, scratch);
          }
        });
        const want = expected(rows, t.bucketWidth);
        expect(t.x).toEqual(want);
        for (let c = 0; c < cols; c++) expect(t.cols[c]).toEqual(want.map((i) => rows[i]![c]));
        expect(t.length).toBeLessThanOrEqual(t.cap);
      },
    ), { numRuns: 300 });
  });

  it('an epoch table keeps its four columns aligned on the same epochs', () => {
    const e = new EpochTable(40);
    for (let i = 0; i < 5000; i++) e.push(i, Math.sin(i / 7), Math.cos(i / 11), (i % 13) / 13, (i % 17) / 17);
    expect(e.length).toBeLessThanOrEqual(40);
    const xs = e.epoch.y;
    xs.forEach((x, k) => {
      expect(e.trainLoss.y[k]).toBe(Math.sin(x / 7));
      expect(e.valLoss.y[k]).toBe(Math.cos(x / 11));
      expect(e.trainAcc.y[k]).toBe((x % 13) / 13);
      expect(e.valAcc.y[k]).toBe((x % 17) / 17);
    });
    expect(xs[0]).toBe(0);
    expect(xs[xs.length - 1]).toBe(4999);
  });
});
