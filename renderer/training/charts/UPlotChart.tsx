import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TrainingController } from '../controller';
import { useRafDraw } from '../hooks';

/** ~15 redraws a second: smooth to watch, and half the main-thread cost of redrawing every frame. */
const CHART_INTERVAL_MS = 66;

interface Props {
  controller: TrainingController;
  testId: string;
  title: string;
  /** Options without width/height (the chart fills its box). Called once per `optionsKey`. */
  options: () => Omit<uPlot.Options, 'width' | 'height'>;
  optionsKey: string;
  /** Current data, or null to leave the chart as it is (nothing new since the last call). */
  data: () => uPlot.AlignedData | null;
  empty?: string;
  /** Drawn above the plot (uPlot's own legend is off: it would change the plot's height). */
  legend?: { label: string; colour: string; dashed?: boolean }[];
}

/**
 * A uPlot chart fed from the run store. React renders the frame once; after that, data flows straight
 * from the store into `setData` at most once per animation frame.
 */
export function UPlotChart({ controller, testId, title, options, optionsKey, data, empty, legend }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const emptyRef = useRef<HTMLDivElement>(null);
  const figure = useRef<HTMLElement>(null);
  const dataFn = useRef(data);
  dataFn.current = data;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const size = () => ({ width: Math.max(120, el.clientWidth), height: Math.max(80, el.clientHeight) });
    const d = dataFn.current() ?? [[]];
    const u = new uPlot({ legend: { show: false }, ...options(), ...size() }, d, el);
    plot.current = u;
    const ro = new ResizeObserver(() => u.setSize(size()));
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rebuilt only when the series change
  }, [optionsKey]);

  useRafDraw(controller, () => {
    const u = plot.current;
    const d = data();
    if (!u || d === null) return;
    u.setData(d);
    const xs = d[0] ?? [];
    if (emptyRef.current) emptyRef.current.hidden = xs.length > 0;
    // What is drawn, for automation: the x span and the number of points handed to uPlot.
    const fig = figure.current;
    if (fig) {
      fig.dataset.points = String(xs.length);
      fig.dataset.xFrom = xs.length ? String(xs[0]) : '';
      fig.dataset.xTo = xs.length ? String(xs[xs.length - 1]) : '';
    }
  }, CHART_INTERVAL_MS);

  return (
    <figure className="nl-tr-chart" data-testid={testId} ref={figure}>
      <figcaption>
        <span className="nl-tr-chart-title">{title}</span>
        {legend?.map((l) => (
          <span key={l.label} className="nl-tr-legend"><i className={l.dashed ? 'dashed' : undefined} style={{ borderColor: l.colour }} />{l.label}</span>
        ))}
      </figcaption>
      <div className="nl-tr-plot" ref={box} />
      {empty && <div className="nl-tr-empty" ref={emptyRef}>{empty}</div>}
    </figure>
  );
}
