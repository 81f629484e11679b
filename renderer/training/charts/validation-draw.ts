import type { EngineFrame } from '../../../core/protocol/engine';
import { rgb, sequential } from './palette';

type Confusion = NonNullable<EngineFrame['confusion']>;
type Predictions = NonNullable<EngineFrame['predictions']>;

/** Cells shaded by the share of their row (so rare classes are as readable as common ones), counts written in. */
export function drawConfusion(ctx: CanvasRenderingContext2D, w: number, h: number, m: Confusion): void {
  const k = m.classes;
  const pad = { l: 26, t: 16 };
  const cell = Math.max(6, Math.floor(Math.min((w - pad.l - 4) / k, (h - pad.t - 4) / k)));
  ctx.font = `${Math.min(12, Math.max(8, cell / 3))}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let r = 0; r < k; r++) {
    let rowSum = 0;
    for (let col = 0; col < k; col++) rowSum += m.counts[r * k + col]!;
    for (let col = 0; col < k; col++) {
      const n = m.counts[r * k + col]!;
      const share = rowSum > 0 ? n / rowSum : 0;
      const x = pad.l + col * cell;
      const y = pad.t + r * cell;
      ctx.fillStyle = rgb(sequential(share));
      ctx.fillRect(x, y, cell - 1, cell - 1);
      if (cell >= 16) {
        ctx.fillStyle = share > 0.55 ? '#ffffff' : '#0f172a';
        ctx.fillText(String(n), x + cell / 2, y + cell / 2);
      }
    }
    ctx.fillStyle = '#475569';
    ctx.fillText(String(r), pad.l / 2, pad.t + r * cell + cell / 2);
  }
  for (let col = 0; col < k; col++) ctx.fillText(String(col), pad.l + col * cell + cell / 2, pad.t / 2);
}

/** Each validation example as a dot at (target, prediction); perfect predictions lie on the diagonal. */
export function drawRegression(ctx: CanvasRenderingContext2D, w: number, h: number, p: Predictions): void {
  const pad = { l: 40, r: 8, t: 8, b: 22 };
  let lo = Infinity;
  let hi = -Infinity;
  for (const arr of [p.targets, p.predictions]) {
    for (const v of arr) {
      if (!Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!(lo < hi)) {
    lo -= 1;
    hi += 1;
  }
  const side = Math.min(w - pad.l - pad.r, h - pad.t - pad.b);
  const sx = (v: number) => pad.l + ((v - lo) / (hi - lo)) * side;
  const sy = (v: number) => pad.t + side - ((v - lo) / (hi - lo)) * side;
  ctx.strokeStyle = '#cbd5e1';
  ctx.strokeRect(pad.l + 0.5, pad.t + 0.5, side, side);
  ctx.setLineDash([4, 4]);
  ctx.beginPath();
  ctx.moveTo(sx(lo), sy(lo));
  ctx.lineTo(sx(hi), sy(hi));
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = 'rgba(37, 99, 235, 0.6)';
  for (let i = 0; i < p.targets.length; i++) {
    ctx.beginPath();
    ctx.arc(sx(p.targets[i]!), sy(p.predictions[i]!), 2.5, 0, Math.PI * 2);
    ctx.fill();
  }
  ctx.fillStyle = '#475569';
  ctx.font = '10px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillText('target', pad.l + side / 2, pad.t + side + 8);
  ctx.fillText(lo.toPrecision(2), pad.l, pad.t + side + 8);
  ctx.fillText(hi.toPrecision(2), pad.l + side, pad.t + side + 8);
  ctx.save();
  ctx.translate(10, pad.t + side / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText('prediction', 0, 0);
  ctx.restore();
}
