/** Colours shared by every chart, chosen to stay apart for people with common colour-vision deficiencies. */
export const RUN_COLOURS = ['#2563eb', '#ea580c', '#16a34a', '#9333ea', '#db2777', '#0891b2', '#ca8a04', '#475569'];

export function runColour(index: number): string {
  return RUN_COLOURS[index % RUN_COLOURS.length]!;
}

/** Class colours for the decision view and confusion matrix: class 0 blue, class 1 orange, as in TF Playground. */
export const CLASS_COLOURS: [number, number, number][] = [
  [37, 99, 235], [234, 88, 12], [22, 163, 74], [147, 51, 234], [219, 39, 119],
  [8, 145, 178], [202, 138, 4], [71, 85, 105], [132, 204, 22], [244, 63, 94],
];

/** Blue (0) → white (0.5) → orange (1): the probability of class 1, or a value scaled to [0, 1]. */
export function diverging(t: number): [number, number, number] {
  const c: [number, number, number] = [0, 0, 0];
  divergingInto(t, c, 0);
  return c;
}

const PAPER = [248, 250, 252] as const;

/** `diverging` written into `out` at `o` (a heatmap's pixels: no array per cell). */
export function divergingInto(t: number, out: { [i: number]: number }, o: number): void {
  const u = Math.min(1, Math.max(0, t));
  const a = u < 0.5 ? CLASS_COLOURS[0]! : PAPER;
  const b = u < 0.5 ? PAPER : CLASS_COLOURS[1]!;
  const k = u < 0.5 ? u * 2 : (u - 0.5) * 2;
  out[o] = a[0] + (b[0] - a[0]) * k;
  out[o + 1] = a[1] + (b[1] - a[1]) * k;
  out[o + 2] = a[2] + (b[2] - a[2]) * k;
}

/** White → deep blue, for counts and weights in [0, 1]. */
export function sequential(t: number): [number, number, number] {
  const c: [number, number, number] = [0, 0, 0];
  sequentialInto(t, c, 0);
  return c;
}

/** `sequential` written into `out` at `o`. */
export function sequentialInto(t: number, out: { [i: number]: number }, o: number): void {
  const u = Math.min(1, Math.max(0, t));
  out[o] = 248 - 218 * u;
  out[o + 1] = 250 - 186 * u;
  out[o + 2] = 252 - 77 * u;
}

export function rgb(c: readonly [number, number, number], alpha = 1): string {
  return `rgba(${Math.round(c[0])}, ${Math.round(c[1])}, ${Math.round(c[2])}, ${alpha})`;
}
