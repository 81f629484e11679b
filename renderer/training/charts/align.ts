/**
 * Two x-sorted series tables merged onto one x axis (what uPlot draws), with null where a table has no
 * point. A linear merge: uPlot.join handles any input with a Set and a sort, which cost real main-thread
 * time when redrawing several thousand batch losses many times a second.
 */
export function mergeSorted(a: [number[], ...(number | null)[][]], b: [number[], ...(number | null)[][]]): (number | null)[][] & [number[]] {
  return mergeSortedInto(null, a, b);
}

/**
 * `mergeSorted` written into `out`'s arrays (reused from the previous redraw when given, their
 * lengths set to the result's): a chart redrawn 15 times a second otherwise allocates a fresh table
 * each time, and on a long run that garbage made collector pauses part of the longest main-thread
 * tasks. `aPer` divides `a`'s x values on the way (batch steps → epochs) without a mapped copy.
 */
export function mergeSortedInto(
  out: (number | null)[][] | null,
  a: [number[], ...(number | null)[][]],
  b: [number[], ...(number | null)[][]],
  aPer = 1,
): (number | null)[][] & [number[]] {
  const [ax, ...ays] = a;
  const [bx, ...bys] = b;
  const columns = 1 + ays.length + bys.length;
  const table = out && out.length === columns ? out : Array.from({ length: columns }, () => [] as (number | null)[]);
  const x = table[0] as number[];
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < ax.length || j < bx.length) {
    const xa = i < ax.length ? ax[i]! / aPer : Infinity;
    const xb = j < bx.length ? bx[j]! : Infinity;
    const xv = Math.min(xa, xb);
    x[n] = xv;
    const takeA = xa === xv;
    const takeB = xb === xv;
    for (let k = 0; k < ays.length; k++) table[1 + k]![n] = takeA ? ays[k]![i] ?? null : null;
    for (let k = 0; k < bys.length; k++) table[1 + ays.length + k]![n] = takeB ? bys[k]![j] ?? null : null;
    if (takeA) i++;
    if (takeB) j++;
    n++;
  }
  for (const col of table) col.length = n;
  return table as (number | null)[][] & [number[]];
}

/**
 * Several x-sorted series (a gradient norm per layer, each decimated on its own so their kept x
 * differ) on one x axis: x is the union of theirs, and each series has its value, mapped by `mapY`,
 * where it has a point and null elsewhere. Written into `out`'s arrays when it has the right number
 * of columns — what uPlot.join does with a Set, a sort and fresh arrays at every redraw.
 */
export function joinSeriesInto(
  out: (number | null)[][] | null,
  series: readonly { readonly x: readonly number[]; readonly y: readonly number[] }[],
  mapY: (v: number) => number | null = (v) => v,
): (number | null)[][] & [number[]] {
  const columns = 1 + series.length;
  const table = out && out.length === columns ? out : Array.from({ length: columns }, () => [] as (number | null)[]);
  const x = table[0] as number[];
  const at = series.map(() => 0);
  let n = 0;
  for (;;) {
    let xv = Infinity;
    for (let k = 0; k < series.length; k++) {
      const s = series[k]!;
      if (at[k]! < s.x.length && s.x[at[k]!]! < xv) xv = s.x[at[k]!]!;
    }
    if (xv === Infinity) break;
    x[n] = xv;
    for (let k = 0; k < series.length; k++) {
      const s = series[k]!;
      const i = at[k]!;
      if (i < s.x.length && s.x[i] === xv) {
        table[1 + k]![n] = mapY(s.y[i]!);
        at[k] = i + 1;
      } else table[1 + k]![n] = null;
    }
    n++;
  }
  for (const col of table) col.length = n;
  return table as (number | null)[][] & [number[]];
}
