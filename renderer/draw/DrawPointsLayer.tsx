import { useRef, useState, type PointerEvent } from 'react';
import { useDoc, useServices } from '../app/context';
import type { TrainingController } from '../training/controller';
import { useStoreKey } from '../training/hooks';
import { CLASS_COLOURS, rgb } from '../training/charts/palette';
import { decisionSquare } from '../training/charts/decision-draw';
import { useCanvasFrame } from '../training/charts/use-canvas-frame';
import { traceStoreFor } from '../trace/trace-store';
import { addPoint, drawableClasses, drawnPoints, erasePoints, setOnlyDrawn } from './points-edit';
import './draw.css';

/** The plane shown before any run has drawn a grid: the 2D sets' coordinates (about −5…5). */
const DEFAULT_RANGE: [number, number] = [-6, 6];
const ERASE_PX = 10;

/**
 * Drawing your own 2D data on the decision-boundary chart: pick a class, click to add a point of it,
 * press and drag to erase drawn points. Points are saved in the graph (`training.dataset.points`),
 * so they are undoable edits, survive save and reopen, and train with the next run. The layer uses
 * the chart's own square and the active run's plane, so a drawn point sits where the chart puts it.
 */
export function DrawPointsLayer({ controller: c }: { controller: TrainingController }) {
  const { store } = useServices();
  const dataset = useDoc((s) => s.graph.training.dataset);
  const graph = useDoc((s) => s.graph);
  const classes = drawableClasses(dataset);
  const [cls, setCls] = useState(0);
  // The chart canvas's box inside the figure: the layer lies exactly over it.
  const svgRef = useRef<SVGSVGElement>(null);
  const frame = useCanvasFrame(svgRef, classes);
  const ranges = useStoreKey(c, () => {
    const g = c.store.active()?.decision;
    return g ? `${g.xRange.join(',')};${g.yRange.join(',')}` : '';
  });
  const drag = useRef<{ x: number; y: number; erasing: boolean } | null>(null);
  if (classes === null) return null;
  const [xr, yr] = ranges ? ranges.split(';').map((s) => s.split(',').map(Number) as [number, number]) : [DEFAULT_RANGE, DEFAULT_RANGE];
  const points = drawnPoints(graph);
  const only = dataset.pointsMode === 'only';
  const active = Math.min(cls, classes - 1);

  const geometry = (el: Element) => {
    const box = el.getBoundingClientRect();
    return { box, sq: decisionSquare(box.width, box.height) };
  };
  const toData = (e: PointerEvent<SVGSVGElement>) => {
    const { box, sq } = geometry(e.currentTarget);
    const px = e.clientX - box.left, py = e.clientY - box.top;
    const inside = px >= sq.x0 && px <= sq.x0 + sq.side && py >= sq.y0 && py <= sq.y0 + sq.side;
    return {
      inside,
      x: xr[0] + ((px - sq.x0) / sq.side) * (xr[1] - xr[0]),
      y: yr[0] + ((sq.y0 + sq.side - py) / sq.side) * (yr[1] - yr[0]),
      perPx: (xr[1] - xr[0]) / sq.side,
    };
  };
  const down = (e: PointerEvent<SVGSVGElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, y: e.clientY, erasing: false };
  };
  const move = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d) return;
    if (!d.erasing && Math.hypot(e.clientX - d.x, e.clientY - d.y) > 4) {
      d.erasing = true;
      store.beginGesture();
    }
    if (d.erasing) {
      const p = toData(e);
      store.edit((g) => erasePoints(g, p.x, p.y, ERASE_PX * p.perPx));
    }
  };
  const up = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d) return;
    if (d.erasing) return store.endGesture();
    const p = toData(e);
    if (p.inside) store.edit((g) => addPoint(g, p.x, p.y, active));
  };

  const sq = frame ? decisionSquare(frame.w, frame.h) : null;
  return (
    <>
      <svg
        className="nl-draw-layer"
        data-testid="draw-layer"
        data-count={points.length}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={() => { if (drag.current?.erasing) store.endGesture(); drag.current = null; }}
        ref={svgRef}
        style={frame ? { top: frame.top, left: frame.left, width: frame.w, height: frame.h } : { display: 'none' }}
        aria-label={`Drawing area: click to add a class ${active} point, drag to erase`}
      >
        {sq && points.map((p, i) => (
          <circle
            key={i}
            data-testid="drawn-point"
            data-label={p.label}
            cx={sq.x0 + ((p.x - xr[0]) / (xr[1] - xr[0])) * sq.side}
            cy={sq.y0 + sq.side - ((p.y - yr[0]) / (yr[1] - yr[0])) * sq.side}
            r={4.5}
            fill={rgb(CLASS_COLOURS[p.label % CLASS_COLOURS.length]!)}
          />
        ))}
      </svg>
      <div className="nl-draw-tools">
        <span role="radiogroup" aria-label="Class of the points a click adds" className="nl-draw-classes">
        {Array.from({ length: classes }, (_, k) => (
          <button
            key={k}
            type="button"
            data-testid={`draw-class-${k}`}
            role="radio"
            aria-checked={k === active}
            aria-label={`class ${k}`}
            // One tab stop for the group; the arrow keys move between classes.
            tabIndex={k === active ? 0 : -1}
            onKeyDown={(e) => {
              const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
              if (step === 0) return;
              e.preventDefault();
              const next = (k + step + classes) % classes;
              setCls(next);
              (e.currentTarget.parentElement?.querySelector(`[data-testid="draw-class-${next}"]`) as HTMLElement | null)?.focus();
            }}
            title={`Click on the chart to add class ${k} points; drag to erase`}
            style={{ background: rgb(CLASS_COLOURS[k % CLASS_COLOURS.length]!) }}
            // Choosing a class means drawing: a click on the chart adds a point again instead of picking one to trace.
            onClick={() => { setCls(k); traceStoreFor(c).setPickMode(false); }}
          >
            {k}
          </button>
        ))}
        </span>
        <label title="Train on your points alone instead of adding them to the generated ones">
          <input type="checkbox" data-testid="draw-only" checked={only} disabled={points.length === 0 && !only} onChange={(e) => store.edit((g) => setOnlyDrawn(g, e.target.checked))} />
          only mine
        </label>
        <span className="nl-draw-count" data-testid="draw-count">{points.length}</span>
      </div>
    </>
  );
}
