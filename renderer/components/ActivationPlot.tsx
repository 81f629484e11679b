import { memo } from 'react';
import type { ActivationFn } from '../../core/catalog/activations/types';
import type { ParamValues } from '../../core/catalog/types';
import { samplePlot } from '../state/plot';

const W = 260;
const H = 150;
const PAD = 6;

/** f(x) and f'(x) on [-5, 5], redrawn when the function's params change. */
function ActivationPlotImpl({ act, params }: { act: ActivationFn; params: ParamValues }) {
  const plot = samplePlot(act, params, -5, 5, 161);
  const sx = (x: number) => PAD + ((x + 5) / 10) * (W - 2 * PAD);
  const sy = (y: number) => PAD + ((plot.yMax - y) / (plot.yMax - plot.yMin)) * (H - 2 * PAD);
  const path = (ys: number[]) => ys.map((y, i) => `${i === 0 ? 'M' : 'L'}${sx(plot.xs[i]!).toFixed(1)},${sy(y).toFixed(1)}`).join('');
  return (
    <figure className="nl-plot" data-testid="activation-plot">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`${act.title} and its slope on -5 to 5`}>
        <rect x="0" y="0" width={W} height={H} className="nl-plot-bg" />
        {plot.yMin < 0 && plot.yMax > 0 && <line x1={PAD} x2={W - PAD} y1={sy(0)} y2={sy(0)} className="nl-plot-axis" />}
        <line x1={sx(0)} x2={sx(0)} y1={PAD} y2={H - PAD} className="nl-plot-axis" />
        <path d={path(plot.df)} className="nl-plot-df" />
        <path d={path(plot.f)} className="nl-plot-f" />
      </svg>
      <figcaption>
        <span className="nl-key-f">f(x)</span> <span className="nl-key-df">f′(x)</span>
        <span className="nl-muted"> x ∈ [−5, 5], y ∈ [{plot.yMin.toFixed(1)}, {plot.yMax.toFixed(1)}]</span>
      </figcaption>
    </figure>
  );
}

export const ActivationPlot = memo(ActivationPlotImpl);
