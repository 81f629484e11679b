import { useRef } from 'react';
import type { TrainingController } from '../controller';
import { useRafDraw, useStoreKey } from '../hooks';
import { prepareCanvas, useResizeRedraw } from './canvas';
import { drawDecision } from './decision-draw';
import { runSituation } from './empty-reasons';
import type { RunData } from '../run-store';
import { DrawPointsLayer } from '../../draw/DrawPointsLayer';
import { TracePickLayer } from '../../trace/TracePickLayer';

/** The decision-boundary heatmap for 2D data, redrawn whenever a new grid arrives (once per epoch at most). */
export function DecisionChart({ controller: c }: { controller: TrainingController }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawn = useRef<{ grid: unknown; points: unknown; run: unknown }>({ grid: null, points: null, run: null });
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

  // Why nothing (or only the points) is drawn, said plainly.
  const why = useStoreKey(c, () => decisionMessage(c.store.active()));
  // Images, sequences, wide tables: there is no boundary to draw, so the column keeps only the reason
  // and gives its width to the curves.
  const notPlanar = useStoreKey(c, () => !decisionApplies(c.store.active()));
  return (
    <figure className={`nl-tr-chart nl-tr-square${notPlanar ? ' not-planar' : ''}`} data-testid="chart-decision" data-applies={String(!notPlanar)}>
      <figcaption>
        <span className="nl-tr-chart-title">Decision boundary</span>
        {kind === 'probability' && <span className="nl-tr-legend"><i className="swatch c0" />class 0 <i className="swatch c1" />class 1</span>}
      </figcaption>
      <canvas ref={canvas} data-testid="chart-decision-canvas" />
      {why !== null && <div className="nl-tr-empty" data-testid="chart-decision-empty" role="status">{why}</div>}
      <DrawPointsLayer controller={c} />
      <TracePickLayer controller={c} />
    </figure>
  );
}

/** The decision view's message: why the boundary is not drawn (yet), or null when it is. */
export function decisionMessage(run: RunData | undefined): string | null {
  if (run?.decision) return null;
  const situation = runSituation(run);
  if (situation && !run?.points) return situation;
  if (run?.points) return 'The boundary is drawn at the end of each epoch: train to the end of the first one.';
  // A run is going, and its worker sent no 2D points: the data is not two numbers per example.
  return 'Only for data with exactly 2 inputs (a plane can show every input): this dataset has another shape.';
}

/** False once a run is going whose data has no plane to draw (its worker sent no 2D points); true otherwise. */
export function decisionApplies(run: RunData | undefined): boolean {
  if (run?.decision || run?.points) return true;
  return runSituation(run) !== null;
}
