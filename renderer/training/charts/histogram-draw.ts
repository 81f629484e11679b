import type { NodeStats } from '../../../core/protocol/events';

/**
 * An activation histogram: bars of the node's outputs over the last training batch. Drawn small on
 * canvas nodes (no axes) and larger in the Layers view (with the value range under it).
 */
export function drawHistogram(ctx: CanvasRenderingContext2D, w: number, h: number, stats: NodeStats, colour: string, axes = false): void {
  const { counts, min, max } = stats.histogram;
  const labelH = axes ? 12 : 0;
  const plotH = h - labelH;
  const peak = Math.max(1, ...counts);
  const bw = w / Math.max(1, counts.length);
  ctx.fillStyle = colour;
  for (let i = 0; i < counts.length; i++) {
    const bh = (counts[i]! / peak) * (plotH - 1);
    ctx.fillRect(i * bw + 0.5, plotH - bh, Math.max(1, bw - 1), bh);
  }
  ctx.fillStyle = '#cbd5e1';
  ctx.fillRect(0, plotH - 0.5, w, 1);
  if (!axes) return;
  ctx.fillStyle = '#475569';
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'bottom';
  ctx.textAlign = 'left';
  ctx.fillText(fmt(min), 0, h);
  ctx.textAlign = 'right';
  ctx.fillText(fmt(max), w, h);
  // Where 0 falls, when it is inside the range: dead ReLUs pile up exactly there.
  if (min < 0 && max > 0) {
    const x = (-min / (max - min)) * w;
    ctx.fillStyle = 'rgba(15, 23, 42, 0.35)';
    ctx.fillRect(x, 0, 1, plotH);
  }
}

function fmt(v: number): string {
  return Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 0.01) ? v.toExponential(1) : Number(v.toPrecision(3)).toString();
}

/** "12% dead" / "40% saturated", or '' when the node's function has neither notion. */
export function unitHealth(stats: NodeStats): { text: string; bad: boolean } | null {
  if (stats.deadFraction !== undefined) return { text: `${Math.round(stats.deadFraction * 100)}% dead`, bad: stats.deadFraction >= 0.5 };
  if (stats.saturatedFraction !== undefined) return { text: `${Math.round(stats.saturatedFraction * 100)}% saturated`, bad: stats.saturatedFraction >= 0.5 };
  return null;
}
