/**
 * Two x-sorted series tables merged onto one x axis (what uPlot draws), with null where a table has no
 * point. A linear merge: uPlot.join handles any input with a Set and a sort, which cost real main-thread
 * time when redrawing several thousand batch losses many times a second.
 */
export function mergeSorted(a: [number[], ...(number | null)[][]], b: [number[], ...(number | null)[][]]): (number | null)[][] & [number[]] {
  const [ax, ...ays] = a;
  const [bx, ...bys] = b;
  const x: number[] = [];
  const ay: (number | null)[][] = ays.map(() => []);
  const by: (number | null)[][] = bys.map(() => []);
  let i = 0;
  let j = 0;
  while (i < ax.length || j < bx.length) {
    const xa = i < ax.length ? ax[i]! : Infinity;
    const xb = j < bx.length ? bx[j]! : Infinity;
    const xv = Math.min(xa, xb);
    x.push(xv);
    const takeA = xa === xv;
    const takeB = xb === xv;
    ays.forEach((s, k) => ay[k]!.push(takeA ? s[i] ?? null : null));
    bys.forEach((s, k) => by[k]!.push(takeB ? s[j] ?? null : null));
    if (takeA) i++;
    if (takeB) j++;
  }
  return [x, ...ay, ...by] as (number | null)[][] & [number[]];
}
