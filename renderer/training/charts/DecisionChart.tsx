import { useRef } from 'react';
import type { TrainingController } from '../controller';
import { useRafDraw, useStoreKey } from '../hooks';
import { prepareCanvas, useResizeRedraw } from './canvas';
import { drawDecision } from './decision-draw';

/** The decision-boundary heatmap for 2D data, redrawn whenever a new grid arrives (once per epoch at most). */
export function DecisionChart({ controller: c }: { controller: TrainingController }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawn = useRef<{ grid: unknown; points: unknown; run: unknown }>({ grid: null, points: null, run: null });
  const has2d = useStoreKey(c, () => c.store.active()?.points !== undefined || c.store.active()?.decision !== undefined);
  const kind = useStoreKey(c, () => c.store.active()?.decision?.kind ?? null);

  const draw = (force: boolean) => {
    const el = canvas.current;
    const run = c.store.active();
    // A new grid arrives at most once an epoch: redraw only then (frames come far more often).
    const now = { grid: run?.decision, points: run?.points, run };
    const d = drawn.current;
    if (!el || (!force && now.grid === d.grid && now.points === d.points && now.run === d.run)) return;
    const prepared = prepareCanvas(el);
    if (!prepared) return;
    drawn.current = now;
    drawDecision(prepared.ctx, prepared.w, prepared.h, run?.decision, run?.points);
  };
  useRafDraw(c, () => draw(false), 100);
  useResizeRedraw(canvas, () => draw(true));

  const hasRun = useStoreKey(c, () => c.store.active() !== undefined);
  return (
    <figure className="nl-tr-chart nl-tr-square" data-testid="chart-decision">
      <figcaption>
        <span className="nl-tr-chart-title">Decision boundary</span>
        {kind === 'probability' && <span className="nl-tr-legend"><i className="swatch c0" />class 0 <i className="swatch c1" />class 1</span>}
      </figcaption>
      <canvas ref={canvas} data-testid="chart-decision-canvas" />
      {!has2d && <div className="nl-tr-empty">{hasRun ? 'Shown for data with 2 inputs' : 'Train to see what the network learns'}</div>}
    </figure>
  );
}
