import type { EngineFrame } from '../../../core/protocol/engine';
import { CLASS_COLOURS, diverging, rgb, sequential } from './palette';

type Grid = NonNullable<EngineFrame['decisionGrid']>;
type Points = NonNullable<EngineFrame['points']>;

function range(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/** Colour of one grid cell, as RGB. */
function cellColour(grid: Grid, v: number, lo: number, hi: number): [number, number, number] {
  if (grid.kind === 'probability') return diverging(v);
  if (grid.kind === 'class') {
    const c = CLASS_COLOURS[Math.round(v) % CLASS_COLOURS.length]!;
    // Pale, so the data points stay readable on top.
    return [c[0] + (255 - c[0]) * 0.6, c[1] + (255 - c[1]) * 0.6, c[2] + (255 - c[2]) * 0.6];
  }
  return sequential(hi > lo ? (v - lo) / (hi - lo) : 0.5);
}

/** Where the plane's square sits in a w×h chart (the point-drawing layer maps clicks with it). */
export function decisionSquare(w: number, h: number): { x0: number; y0: number; side: number } {
  const pad = { l: 30, r: 6, t: 6, b: 18 };
  const side = Math.max(10, Math.min(w - pad.l - pad.r, h - pad.t - pad.b));
  return { x0: pad.l + Math.max(0, (w - pad.l - pad.r - side) / 2), y0: pad.t, side };
}

/**
 * The model's output over the input plane (TF Playground style) with the training points on top.
 * The grid is painted at its own resolution and scaled up smoothly; rows run bottom to top.
 */
export function drawDecision(ctx: CanvasRenderingContext2D, w: number, h: number, grid: Grid | undefined, points: Points | undefined): void {
  const { x0, y0, side } = decisionSquare(w, h);
  ctx.fillStyle = '#f8fafc';
  ctx.fillRect(x0, y0, side, side);
  if (!grid) return;
  const n = grid.size;
  const [lo, hi] = range(grid.values);
  const img = new ImageData(n, n);
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      const [r, g, b] = cellColour(grid, grid.values[row * n + col]!, lo, hi);
      const o = ((n - 1 - row) * n + col) * 4;
      img.data[o] = r;
      img.data[o + 1] = g;
      img.data[o + 2] = b;
      img.data[o + 3] = 255;
    }
  }
  const off = new OffscreenCanvas(n, n);
  off.getContext('2d')!.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(off, x0, y0, side, side);

  const [xa, xb] = grid.xRange;
  const [ya, yb] = grid.yRange;
  if (points) {
    const count = points.labels.length;
    const [llo, lhi] = grid.kind === 'value' ? range(points.labels) : [0, 1];
    const r = count > 400 ? 2 : 3;
    ctx.lineWidth = 1;
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
    for (let i = 0; i < count; i++) {
      const px = x0 + ((points.xy[2 * i]! - xa) / (xb - xa)) * side;
      const py = y0 + side - ((points.xy[2 * i + 1]! - ya) / (yb - ya)) * side;
      if (px < x0 || px > x0 + side || py < y0 || py > y0 + side) continue;
      const label = points.labels[i]!;
      const colour = grid.kind === 'value'
        ? sequential(lhi > llo ? (label - llo) / (lhi - llo) : 0.5).map((c) => c * 0.8) as [number, number, number]
        : CLASS_COLOURS[Math.round(label) % CLASS_COLOURS.length]!.map((c) => c * 0.85) as [number, number, number];
      ctx.fillStyle = rgb(colour);
      ctx.beginPath();
      ctx.arc(px, py, r, 0, Math.PI * 2);
      ctx.fill();
      ctx.stroke();
    }
  }
  ctx.strokeStyle = '#cbd5e1';
  ctx.strokeRect(x0 + 0.5, y0 + 0.5, side - 1, side - 1);
  ctx.fillStyle = '#475569';
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillText(fmt(xa), x0, y0 + side + 3);
  ctx.textAlign = 'right';
  ctx.fillText(fmt(xb), x0 + side, y0 + side + 3);
  ctx.textBaseline = 'bottom';
  ctx.fillText(fmt(ya), x0 - 3, y0 + side);
  ctx.textBaseline = 'top';
  ctx.fillText(fmt(yb), x0 - 3, y0);
}

function fmt(v: number): string {
  return Number(v.toPrecision(2)).toString();
}
