import { useEffect, useRef } from 'react';
import type { TrainingController } from '../controller';
import { useRafDraw, useStoreKey } from '../hooks';
import { usePickValidationRow } from '../../trace/pick-validation';

/**
 * Image data: validation examples drawn as small pictures with their predicted and true classes,
 * misclassified first — what the network gets wrong, and whether a person would too.
 */
export function ExamplesGrid({ controller: c }: { controller: TrainingController }) {
  const count = useStoreKey(c, () => c.store.active()?.examples?.predicted.length ?? 0);
  const grid = useRef<HTMLDivElement>(null);
  const drawn = useRef<unknown>(null);
  const draw = () => {
    const ex = c.store.active()?.examples;
    const el = grid.current;
    if (!ex || !el || ex === drawn.current) return;
    drawn.current = ex;
    const { width: w, height: h } = ex;
    const items = el.querySelectorAll<HTMLElement>('.nl-tr-example');
    let wrong = 0;
    items.forEach((item, k) => {
      if (k >= ex.predicted.length) return;
      const canvas = item.querySelector('canvas')!;
      canvas.width = w;
      canvas.height = h;
      const img = new ImageData(w, h);
      for (let p = 0; p < w * h; p++) {
        // Ink dark on white, as the digits were written.
        const v = 255 - Math.round(255 * Math.min(1, Math.max(0, ex.pixels[k * w * h + p]!)));
        img.data[4 * p] = img.data[4 * p + 1] = img.data[4 * p + 2] = v;
        img.data[4 * p + 3] = 255;
      }
      canvas.getContext('2d')?.putImageData(img, 0, 0);
      const pred = ex.predicted[k]!;
      const actual = ex.actual[k]!;
      const bad = pred !== actual;
      if (bad) wrong++;
      item.classList.toggle('bad', bad);
      const label = item.querySelector('figcaption')!;
      label.textContent = bad ? `${pred} (is ${actual})` : String(pred);
      item.title = bad ? `predicted ${pred}, true class ${actual}` : `predicted ${pred}, correct`;
      item.dataset.predicted = String(pred);
      item.dataset.actual = String(actual);
      if (ex.rows) item.dataset.row = String(ex.rows[k]);
    });
    el.dataset.misclassified = String(wrong);
    el.dataset.count = String(ex.predicted.length);
    pick.mark();
  };
  const pick = usePickValidationRow(c, grid);
  useRafDraw(c, draw, 500);
  useEffect(() => {
    drawn.current = null;
    draw();
  }, [count]);
  if (count === 0) return null;
  return (
    <section className="nl-tr-examples" aria-label="Validation examples">
      <h4>Validation examples — misclassified first (prediction, true class in brackets){pick.hint}</h4>
      <div className="nl-tr-example-grid" data-testid="validation-examples" ref={grid} {...pick.gridProps}>
        {Array.from({ length: count }, (_, k) => (
          <figure key={k} className="nl-tr-example" {...pick.itemProps}><canvas /><figcaption /></figure>
        ))}
      </div>
    </section>
  );
}
