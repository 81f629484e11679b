/**
 * Where each channel's small picture goes on the canvas: the number of columns that makes the pictures
 * largest, with one label row above each picture.
 */
export interface MapsLayout {
  cols: number;
  /** Screen pixels per map value. */
  cell: number;
  /** Top-left corner of channel `c`'s picture. */
  at(c: number): { x: number; y: number };
}

export const LABEL_H = 12;
const GAP = 6;

export function layoutMaps(w: number, h: number, channels: number, height: number, width: number): MapsLayout {
  let best: MapsLayout | null = null;
  for (let cols = 1; cols <= Math.max(1, channels); cols++) {
    const rows = Math.ceil(channels / cols);
    const cell = Math.min((w - GAP * (cols - 1)) / (cols * width), (h - rows * (LABEL_H + GAP)) / (rows * height));
    if (!best || cell > best.cell) {
      const c = cols;
      best = { cols: c, cell, at: (k) => ({ x: (k % c) * (width * cell + GAP), y: Math.floor(k / c) * (height * cell + LABEL_H + GAP) + LABEL_H }) };
    }
  }
  return best!;
}

/** Each channel scaled to its own [min, max] → [0, 1]; a constant channel shows as 0 (all one colour). */
export function channelRange(values: ArrayLike<number>, c: number, plane: number): { min: number; span: number } {
  let min = Infinity, max = -Infinity;
  for (let i = c * plane; i < (c + 1) * plane; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, span: max > min ? max - min : 0 };
}
