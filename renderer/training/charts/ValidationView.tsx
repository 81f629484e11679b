import { useRef } from 'react';
import type { TrainingController } from '../controller';
import { useRafDraw, useStoreKey } from '../hooks';
import { prepareCanvas, useResizeRedraw } from './canvas';
import { drawConfusion, drawRegression } from './validation-draw';
import { runSituation } from './empty-reasons';

/**
 * Validation results of the active run: the confusion matrix for classification, target against
 * prediction for regression. Sent by the engine once per frame at most, so drawn only when new.
 */
export function ValidationView({ controller: c }: { controller: TrainingController }) {
  const task = useStoreKey(c, () => {
    const run = c.store.active();
    return run?.confusion ? 'classification' : run?.predictions ? 'regression' : null;
  });
  const why = useStoreKey(c, () => runSituation(c.store.active()) ?? 'Validation results appear at the end of the first epoch.');
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<unknown>(null);
  const draw = (force: boolean) => {
    const run = c.store.active();
    const data = run?.confusion ?? run?.predictions;
    if (canvas.current && !data && last.current !== null) {
      // No run (another graph was opened): wipe the old picture rather than keep showing it.
      const ctx = canvas.current.getContext('2d');
      ctx?.clearRect(0, 0, canvas.current.width, canvas.current.height);
      delete canvas.current.dataset.classes;
      delete canvas.current.dataset.total;
      last.current = null;
    }
    if (!canvas.current || !data || (!force && data === last.current)) return;
    const p = prepareCanvas(canvas.current);
    if (!p) return;
    last.current = data;
    // The drawn numbers, readable without the canvas (tests, automation): classes and counts, or the point count.
    const el = canvas.current;
    if (run?.confusion) {
      drawConfusion(p.ctx, p.w, p.h, run.confusion);
      el.dataset.classes = String(run.confusion.classes);
      el.dataset.total = String(run.confusion.counts.reduce((s, n) => s + n, 0));
    } else if (run?.predictions) {
      drawRegression(p.ctx, p.w, p.h, run.predictions);
      delete el.dataset.classes;
      el.dataset.total = String(run.predictions.targets.length);
    }
  };
  useRafDraw(c, () => draw(false), 250);
  useResizeRedraw(canvas, () => draw(true));
  const testId = task === 'regression' ? 'chart-regression' : 'chart-confusion';
  return (
    <figure className="nl-tr-chart nl-tr-wide" data-testid={testId}>
      <figcaption>
        <span className="nl-tr-chart-title">
          {task === 'regression' ? 'Validation: prediction vs target' : 'Validation confusion matrix (rows: true class, columns: predicted)'}
        </span>
      </figcaption>
      <canvas ref={canvas} data-testid="chart-validation-canvas" />
      {task === null && <div className="nl-tr-empty" role="status">{why}</div>}
    </figure>
  );
}
