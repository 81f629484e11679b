import { useRef, useSyncExternalStore, type MouseEvent } from 'react';
import { planeRange } from '../../core/session/decision-grid';
import type { TrainingController } from '../training/controller';
import { useStoreKey } from '../training/hooks';
import { decisionSquare } from '../training/charts/decision-draw';
import { useCanvasFrame } from '../training/charts/use-canvas-frame';
import { CLASS_COLOURS, rgb } from '../training/charts/palette';
import { traceStoreFor } from './trace-store';

/** A click picks the nearest training point within this many CSS pixels. */
export const PICK_PX = 8;

type Points = { xy: Float32Array; labels: Float32Array };
type Plane = { xRange: [number, number]; yRange: [number, number] };

/** Where training point i sits in a w×h chart, in CSS pixels (the same mapping the chart draws with). */
export function pointPixel(points: Points, i: number, plane: Plane, w: number, h: number): { x: number; y: number } {
  const { x0, y0, side } = decisionSquare(w, h);
  const [xa, xb] = plane.xRange;
  const [ya, yb] = plane.yRange;
  return {
    x: x0 + ((points.xy[2 * i]! - xa) / (xb - xa)) * side,
    y: y0 + side - ((points.xy[2 * i + 1]! - ya) / (yb - ya)) * side,
  };
}

/** The training point nearest to (px, py) within `radius` pixels, or null. Ties go to the lower row. */
export function nearestPoint(points: Points, plane: Plane, w: number, h: number, px: number, py: number, radius = PICK_PX): number | null {
  let best: number | null = null;
  let bestD = radius * radius;
  for (let i = 0; i < points.labels.length; i++) {
    const p = pointPixel(points, i, plane, w, h);
    const d = (p.x - px) ** 2 + (p.y - py) ** 2;
    if (d <= bestD && (best === null || d < bestD)) [best, bestD] = [i, d];
  }
  return best;
}

/** A class's colour; a regression target (any other number) is drawn in one neutral grey. */
function pointColour(label: number): string {
  return Number.isInteger(label) && label >= 0 ? rgb(CLASS_COLOURS[label % CLASS_COLOURS.length]!) : '#64748b';
}

/**
 * Over the decision chart (2D data): pick the traced example by clicking a training point. The row
 * of point i is row i of the training split, as `netloom trace --example i` counts (the worker sends
 * the first rows in order). Clicks pick only in pick mode, on a paused run: pick mode comes on when a
 * trace opens or with the Pick button, and goes off when a drawing class is chosen — so a click
 * either draws or picks, never both. The traced point is ringed whenever a trace is open.
 */
export function TracePickLayer({ controller: c }: { controller: TrainingController }) {
  const t = traceStoreFor(c);
  const s = useSyncExternalStore(t.subscribe, t.get);
  const paused = useStoreKey(c, () => c.playState() === 'paused');
  // Both objects are replaced (not changed) when a frame brings new ones: stable snapshots.
  const points = useSyncExternalStore(c.store.subscribe, () => c.store.active()?.points);
  const grid = useSyncExternalStore(c.store.subscribe, () => c.store.active()?.decision);
  const ref = useRef<SVGSVGElement>(null);
  const frame = useCanvasFrame(ref, points !== undefined);
  if (!points) return null;
  // Before the first grid the chart draws no points: this layer draws them over the same square.
  const plane: Plane = grid ?? planeRange({ count: points.labels.length, inputs: points.xy, targets: points.labels });
  const picking = s.pickMode && paused;
  const traced = s.result && s.result.split === 'train' && s.result.example < points.labels.length ? s.result.example : null;

  const click = (e: MouseEvent<SVGSVGElement>) => {
    if (!frame) return;
    const box = e.currentTarget.getBoundingClientRect();
    const i = nearestPoint(points, plane, frame.w, frame.h, e.clientX - box.left, e.clientY - box.top);
    if (i !== null) t.pick(i);
  };
  const at = (i: number) => pointPixel(points, i, plane, frame!.w, frame!.h);
  const r = points.labels.length > 400 ? 2 : 3;
  return (
    <>
      <svg
        ref={ref}
        className={`nl-trace-pick-layer${picking ? ' on' : ''}`}
        data-testid="trace-pick-layer"
        data-picking={picking}
        onClick={picking ? click : undefined}
        style={frame ? { top: frame.top, left: frame.left, width: frame.w, height: frame.h } : { display: 'none' }}
        aria-label={picking ? 'Click a training point to trace it' : undefined}
        aria-hidden={!picking && traced === null}
      >
        {frame && picking && Array.from({ length: points.labels.length }, (_, i) => {
          const p = at(i);
          return (
            <circle
              key={i}
              data-testid="trace-pick-point"
              data-index={i}
              cx={p.x}
              cy={p.y}
              r={r}
              // Drawn by the chart once a grid exists; until then this layer shows the points itself.
              fill={grid ? 'transparent' : pointColour(points.labels[i]!)}
            />
          );
        })}
        {frame && traced !== null && (
          <circle className="nl-trace-picked" data-testid="trace-picked" data-index={traced} cx={at(traced).x} cy={at(traced).y} r={7} />
        )}
      </svg>
      {paused && (
        <div className="nl-trace-pick-tools">
          <button
            type="button"
            data-testid="trace-pick-toggle"
            aria-pressed={s.pickMode}
            onClick={() => t.setPickMode(!s.pickMode)}
            title={s.pickMode ? 'Clicks on the chart pick the example to trace; choose a class to draw points again' : 'Let a click on the chart pick the training point to trace'}
          >
            ◎ pick an example to trace
          </button>
          {traced !== null && <span className="nl-trace-caption">row {traced}</span>}
        </div>
      )}
    </>
  );
}
