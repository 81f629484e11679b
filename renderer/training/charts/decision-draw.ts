import type { EngineFrame } from '../../../core/protocol/engine';
import { CLASS_COLOURS, divergingInto, rgb, sequential, sequentialInto } from './palette';

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

/**
 * Colour of one grid cell, written as RGB into `out` at `o`. Straight into the image's bytes: a colour
 * array per cell (2,500 cells, ten times a second on a fast run) was a main-thread allocator.
 */
function cellColourInto(grid: Grid, v: number, lo: number, hi: number, out: Uint8ClampedArray, o: number): void {
  if (grid.kind === 'probability') return divergingInto(v, out, o);
  if (grid.kind === 'class') {
    const c = CLASS_COLOURS[Math.round(v) % CLASS_COLOURS.length]!;
    // Pale, so the data points stay readable on top.
    out[o] = c[0] + (255 - c[0]) * 0.6;
    out[o + 1] = c[1] + (255 - c[1]) * 0.6;
    out[o + 2] = c[2] + (255 - c[2]) * 0.6;
    return;
  }
  sequentialInto(hi > lo ? (v - lo) / (hi - lo) : 0.5, out, o);
}

/** The grid's picture, one pixel per cell, in buffers kept while the grid's size stays the same. */
let gridBuffers: { n: number; img: ImageData; off: OffscreenCanvas } | null = null;

function gridPicture(grid: Grid): OffscreenCanvas {
  const n = grid.size;
  if (gridBuffers?.n !== n) gridBuffers = { n, img: new ImageData(n, n), off: new OffscreenCanvas(n, n) };
  const { img, off } = gridBuffers;
  const [lo, hi] = range(grid.values);
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      const o = ((n - 1 - row) * n + col) * 4;
      cellColourInto(grid, grid.values[row * n + col]!, lo, hi, img.data, o);
      img.data[o + 3] = 255;
    }
  }
  off.getContext('2d')!.putImageData(img, 0, 0);
  return off;
}

/**
 * The training points never change during a run, but drawing them (hundreds of filled and stroked
 * circles) was most of each heatmap redraw: they are drawn once onto a layer of the chart's device
 * size and that layer is copied on top of each new grid. Kept for one set of points, chart size,
 * pixel ratio and plane.
 */
let pointsLayer: { key: string; points: Points; canvas: OffscreenCanvas } | null = null;

function pointsPicture(grid: Grid, points: Points, w: number, h: number, dpr: number): OffscreenCanvas {
  const key = `${w}x${h}@${dpr}:${grid.kind}:${grid.xRange.join(',')}:${grid.yRange.join(',')}`;
  if (pointsLayer && pointsLayer.points === points && pointsLayer.key === key) return pointsLayer.canvas;
  const canvas = new OffscreenCanvas(Math.round(w * dpr), Math.round(h * dpr));
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  drawPoints(ctx, w, h, grid, points);
  pointsLayer = { key, points, canvas };
  return canvas;
}

function drawPoints(ctx: OffscreenCanvasRenderingContext2D, w: number, h: number, grid: Grid, points: Points): void {
  const { x0, y0, side } = decisionSquare(w, h);
  const [xa, xb] = grid.xRange;
  const [ya, yb] = grid.yRange;
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
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(gridPicture(grid), x0, y0, side, side);
  if (points) {
    // Device pixel for device pixel: the layer has the canvas's own size.
    const dpr = ctx.getTransform().a || 1;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(pointsPicture(grid, points, w, h, dpr), 0, 0);
    ctx.restore();
  }
  const [xa, xb] = grid.xRange;
  const [ya, yb] = grid.yRange;
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
