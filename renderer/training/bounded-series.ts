/**
 * Chart series that stay bounded at any run length without losing their shape. Rows arrive in x order
 * and fall into buckets of `width` consecutive rows; a bucket keeps only the rows holding the minimum
 * or the maximum of some column (in x order), so every spike and every dip survives. When there are
 * too many buckets, neighbours merge pairwise and the width doubles — the min of two buckets is the
 * min of their mins, so merging never needs the dropped rows. The very first row and the newest row
 * are always kept, so a curve always spans its whole run. Plain arrays, because uPlot reads them
 * directly; appending touches only the open bucket's few rows at the end (amortised O(1)).
 */
type Row = number[];

export class DecimatedTable {
  /** The kept rows' x values (what a chart draws). */
  x: number[] = [];
  /** One array per column, aligned with `x`. */
  cols: number[][];
  private width = 1;
  private first: Row | null = null;
  private closed: Row[][] = [];
  /** Rows of the bucket being filled that are candidates (its current min/max rows). */
  private open: Row[] = [];
  private openCount = 0;
  private newest: Row | null = null;
  /** Length of the output up to the end of the closed buckets. */
  private settled = 0;
  /** The output's last row is the newest row, appended on its own (not one of the candidates). */
  private tailIsNewest = false;
  private readonly maxBuckets: number;

  constructor(readonly cap: number, readonly columns = 1) {
    // Room for the first row, the open bucket's candidates and the newest row, plus two closed buckets.
    const perBucket = 2 * columns;
    const buckets = Math.floor((cap - 2 - perBucket) / perBucket);
    if (buckets < 2) throw new Error(`a decimated table of ${columns} column(s) needs room for at least ${2 + 3 * perBucket} rows`);
    this.maxBuckets = buckets - (buckets % 2);
    this.cols = Array.from({ length: columns }, () => []);
  }

  get length(): number {
    return this.x.length;
  }

  /** Raw rows per bucket now (1 until the table first fills). */
  get bucketWidth(): number {
    return this.width;
  }

  push(x: number, ...ys: number[]): void {
    this.pushRow(x, ys);
  }

  /**
   * `push` with the values in an array the caller may reuse (it is read, never kept). The common case
   * on a long run — a row that is no new extreme, inside the open bucket, after a newest row that
   * nothing else holds — overwrites that newest row in place and allocates nothing: a row array per
   * batch loss was most of the main thread's garbage (several MB a second) and so of its collector pauses.
   */
  pushRow(x: number, ys: ArrayLike<number>): void {
    const newest = this.newest;
    if (this.tailIsNewest && newest !== null && this.open.length > 0 && this.openCount + 1 < this.width && !this.beatsOpen(ys)) {
      this.openCount++;
      newest[0] = x;
      const i = this.x.length - 1;
      this.x[i] = x;
      for (let c = 0; c < this.columns; c++) {
        newest[c + 1] = ys[c]!;
        this.cols[c]![i] = ys[c]!;
      }
      return;
    }
    const row: Row = [x];
    for (let c = 0; c < this.columns; c++) row.push(ys[c]!);
    this.newest = row;
    if (this.first === null) {
      this.first = row;
      this.settled = 0;
      this.rebuild();
      return;
    }
    const changed = this.addToOpen(row);
    this.openCount++;
    if (this.openCount >= this.width) {
      this.closed.push(this.open);
      this.open = [];
      this.openCount = 0;
      if (this.closed.length > this.maxBuckets) {
        this.mergePairs();
        return this.rebuild();
      }
      this.truncate(this.settled);
      this.append(this.closed[this.closed.length - 1]!);
      this.settled = this.x.length;
      this.appendTail();
      return;
    }
    // The common case on a long run: the row is no new extreme and the output ends with the previous
    // newest row on its own — put this one in its place instead of rebuilding the tail (per batch loss,
    // tens of thousands of times a second, on the main thread).
    if (!changed && this.tailIsNewest) {
      const i = this.x.length - 1;
      this.x[i] = x;
      for (let c = 0; c < this.columns; c++) this.cols[c]![i] = ys[c]!;
      return;
    }
    this.truncate(this.settled);
    this.appendTail();
  }

  /**
   * The open bucket's candidates with `row` added: what selectExtremes([...open, row]) gives, without
   * building it when the row beats no current minimum or maximum (ties keep the earlier row, so then
   * nothing changes). Returns whether the candidates changed.
   */
  private addToOpen(row: Row): boolean {
    const open = this.open;
    if (open.length === 0) {
      this.open = [row];
      return true;
    }
    if (!this.beatsOpen(row, 1)) return false;
    this.open = selectExtremes([...open, row], this.columns);
    return true;
  }

  /** Whether values (from index `from`) beat some column's minimum or maximum among the open candidates. */
  private beatsOpen(values: ArrayLike<number>, from = 0): boolean {
    for (let c = 1; c <= this.columns; c++) {
      const v = values[c - 1 + from]!;
      if (Number.isNaN(v)) continue;
      let lo = NaN;
      let hi = NaN;
      for (const r of this.open) {
        const w = r[c]!;
        if (Number.isNaN(w)) continue;
        if (Number.isNaN(lo) || w < lo) lo = w;
        if (Number.isNaN(hi) || w > hi) hi = w;
      }
      if (Number.isNaN(lo) || v < lo || v > hi) return true;
    }
    return false;
  }

  clear(): void {
    this.x = [];
    this.cols = this.cols.map(() => []);
    this.width = 1;
    this.first = null;
    this.closed = [];
    this.open = [];
    this.openCount = 0;
    this.newest = null;
    this.settled = 0;
    this.tailIsNewest = false;
  }

  private mergePairs(): void {
    const merged: Row[][] = [];
    for (let i = 0; i + 1 < this.closed.length; i += 2) merged.push(selectExtremes([...this.closed[i]!, ...this.closed[i + 1]!], this.columns));
    // An odd bucket out (cannot happen with an even maximum, kept for safety) becomes part of the open one.
    if (this.closed.length % 2 === 1) {
      this.open = selectExtremes([...this.closed[this.closed.length - 1]!, ...this.open], this.columns);
      this.openCount += this.width;
    }
    this.closed = merged;
    this.width *= 2;
  }

  private rebuild(): void {
    this.x = [];
    this.cols = this.cols.map(() => []);
    if (this.first) this.append([this.first]);
    for (const b of this.closed) this.append(b);
    this.settled = this.x.length;
    this.appendTail();
  }

  /** The open bucket's candidates, then the newest row if it is not one of them. */
  private appendTail(): void {
    this.append(this.open);
    const n = this.newest;
    const before = this.open.length ? this.open[this.open.length - 1] : this.closed.length ? this.closed[this.closed.length - 1]!.at(-1) : this.first;
    this.tailIsNewest = n !== null && n !== before;
    if (this.tailIsNewest) this.append([n!]);
  }

  private append(rows: readonly Row[]): void {
    for (const r of rows) {
      this.x.push(r[0]!);
      for (let c = 0; c < this.columns; c++) this.cols[c]!.push(r[c + 1]!);
    }
  }

  private truncate(n: number): void {
    this.x.length = n;
    for (const c of this.cols) c.length = n;
  }
}

/** The rows holding each column's min and max (NaN never wins over a number), in their original order. */
export function selectExtremes(rows: readonly Row[], columns: number): Row[] {
  if (rows.length <= 1) return [...rows];
  const keep = new Set<number>();
  for (let c = 1; c <= columns; c++) {
    let lo = -1;
    let hi = -1;
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i]![c]!;
      if (Number.isNaN(v)) continue;
      if (lo < 0 || v < rows[lo]![c]!) lo = i;
      if (hi < 0 || v > rows[hi]![c]!) hi = i;
    }
    if (lo >= 0) keep.add(lo);
    if (hi >= 0) keep.add(hi);
  }
  if (keep.size === 0) keep.add(0);
  return [...keep].sort((a, b) => a - b).map((i) => rows[i]!);
}

/** One x/y series (a single-column table): batch losses, a layer's gradient norms. */
export class BoundedSeries {
  private t: DecimatedTable;

  constructor(readonly cap: number) {
    this.t = new DecimatedTable(cap, 1);
  }

  get x(): number[] {
    return this.t.x;
  }

  get y(): number[] {
    return this.t.cols[0]!;
  }

  get length(): number {
    return this.t.length;
  }

  /** Reused for every push: the table reads it and keeps nothing. */
  private readonly one = [0];

  push(x: number, y: number): void {
    this.one[0] = y;
    this.t.pushRow(x, this.one);
  }

  clear(): void {
    this.t.clear();
  }

  last(): number | undefined {
    return this.y[this.y.length - 1];
  }
}

/** A read-only view of one column of a table, shaped like a series (x, y, length). */
export interface SeriesView {
  readonly x: number[];
  readonly y: number[];
  readonly length: number;
}

function columnView(t: DecimatedTable, col: number | 'x'): SeriesView {
  return {
    get x() { return t.x; },
    get y() { return col === 'x' ? t.x : t.cols[col]!; },
    get length() { return t.length; },
  };
}

/**
 * Per-epoch curves: x = epoch, columns train loss, validation loss, train accuracy, validation
 * accuracy — decimated together, so the columns stay aligned on the same epochs.
 */
export class EpochTable {
  readonly table: DecimatedTable;
  readonly epoch: SeriesView;
  readonly trainLoss: SeriesView;
  readonly valLoss: SeriesView;
  readonly trainAcc: SeriesView;
  readonly valAcc: SeriesView;

  constructor(cap: number) {
    this.table = new DecimatedTable(cap, 4);
    this.epoch = columnView(this.table, 'x');
    this.trainLoss = columnView(this.table, 0);
    this.valLoss = columnView(this.table, 1);
    this.trainAcc = columnView(this.table, 2);
    this.valAcc = columnView(this.table, 3);
  }

  private readonly four = [0, 0, 0, 0];

  push(epoch: number, trainLoss: number, valLoss: number, trainAcc: number, valAcc: number): void {
    const v = this.four;
    v[0] = trainLoss;
    v[1] = valLoss;
    v[2] = trainAcc;
    v[3] = valAcc;
    this.table.pushRow(epoch, v);
  }

  get length(): number {
    return this.table.length;
  }
}
