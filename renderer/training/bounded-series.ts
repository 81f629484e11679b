/**
 * An x/y series that never holds more than `cap` points: when full it keeps every other point (always
 * keeping the newest), so a long run still shows its whole history at a coarser grain instead of
 * forgetting its beginning. Plain arrays, because uPlot reads them directly.
 */
export class BoundedSeries {
  x: number[] = [];
  y: number[] = [];

  constructor(readonly cap: number) {
    if (cap < 4) throw new Error('a bounded series needs room for at least 4 points');
  }

  get length(): number {
    return this.x.length;
  }

  push(x: number, y: number): void {
    this.x.push(x);
    this.y.push(y);
    if (this.x.length > this.cap) this.halve();
  }

  clear(): void {
    this.x = [];
    this.y = [];
  }

  last(): number | undefined {
    return this.y[this.y.length - 1];
  }

  private halve(): void {
    const n = this.x.length;
    const x: number[] = [];
    const y: number[] = [];
    // Walk back from the newest point so it always survives.
    for (let i = n - 1; i >= 0; i -= 2) {
      x.push(this.x[i]!);
      y.push(this.y[i]!);
    }
    this.x = x.reverse();
    this.y = y.reverse();
  }
}
