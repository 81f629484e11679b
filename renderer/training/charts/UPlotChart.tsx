import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TrainingController } from '../controller';
import { useRafDraw } from '../hooks';
import { cancelDraw, enqueueDraw } from '../draw-queue';

/**
 * Ten redraws a second, as the read-outs: smooth to watch, and a third of the cost of redrawing every
 * frame. Each redraw is also raster and compositor work on the other core the training worker leaves
 * free (at 15 a second the main thread waited for the CPU in most of its longer tasks on 2 cores).
 */
const CHART_INTERVAL_MS = 100;

interface Props {
  controller: TrainingController;
  testId: string;
  title: string;
  /** Options without width/height (the chart fills its box). Called once per `optionsKey`. */
  options: () => Omit<uPlot.Options, 'width' | 'height'>;
  optionsKey: string;
  /** Current data, or null to leave the chart as it is (nothing new since the last call). */
  data: () => uPlot.AlignedData | null;
  /** Why the chart is empty (asked on each redraw while it is), e.g. "Train to see the loss fall". */
  empty?: () => string;
  /** A line under the plot explaining something drawn (asked on each redraw), or null. */
  note?: () => string | null;
  /** The run's step this draw shows (written as `data-step`, so automation can tell the chart is current). */
  step?: () => number;
  /** Drawn above the plot (uPlot's own legend is off: it would change the plot's height). */
  legend?: { label: string; colour: string; dashed?: boolean }[];
}

/**
 * A uPlot chart fed from the run store. React renders the frame once; after that, data flows straight
 * from the store into `setData` at most once per animation frame.
 */
export function UPlotChart({ controller, testId, title, options, optionsKey, data, empty, note, step, legend }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const emptyRef = useRef<HTMLDivElement>(null);
  const figure = useRef<HTMLElement>(null);
  const noteRef = useRef<HTMLParagraphElement>(null);
  const stepNow = useRef(step);
  stepNow.current = step;
  const texts = useRef({ empty, note });
  texts.current = { empty, note };
  const dataFn = useRef(data);
  dataFn.current = data;

  /** The chrome around the plot: the empty message, the note, and the drawn span for automation. */
  const showState = (d: uPlot.AlignedData) => {
    const xs = d[0] ?? [];
    const isEmpty = xs.length === 0;
    if (emptyRef.current) {
      emptyRef.current.hidden = !isEmpty;
      const why = isEmpty ? texts.current.empty?.() ?? '' : '';
      if (emptyRef.current.textContent !== why) emptyRef.current.textContent = why;
    }
    // An empty plot would still label its axes (every tick "0"): hide it and say why instead.
    if (box.current) box.current.style.visibility = isEmpty ? 'hidden' : '';
    if (noteRef.current) {
      const text = isEmpty ? null : texts.current.note?.() ?? null;
      noteRef.current.hidden = text === null;
      if (noteRef.current.textContent !== (text ?? '')) noteRef.current.textContent = text ?? '';
    }
    // What is drawn, for automation: the x span and the number of points handed to uPlot.
    const fig = figure.current;
    if (fig) {
      const step = stepNow.current?.();
      setData(fig, 'points', String(xs.length));
      setData(fig, 'xFrom', xs.length ? String(xs[0]) : '');
      setData(fig, 'xTo', xs.length ? String(xs[xs.length - 1]) : '');
      if (step !== undefined) setData(fig, 'step', String(step));
    }
  };

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let u: uPlot | null = null;
    let ro: ResizeObserver | null = null;
    let resize: (() => void) | null = null;
    // Built in a queued task of its own, not in React's commit: a run's first frame mounts every chart
    // of the dock at once, and building them all in that one task made it the longest of the run.
    const build = () => {
      const size = () => ({ width: Math.max(120, el.clientWidth), height: Math.max(80, el.clientHeight) });
      const d = dataFn.current() ?? [[]];
      const made = new uPlot({ legend: { show: false }, ...options(), ...size() }, d, el);
      u = made;
      plot.current = made;
      showState(d);
      // A resize redraws the whole chart. The dock changing shape (a run starting or ending, a note
      // appearing) resizes every chart at once, and their observers all run in one rendering step:
      // so each chart's resize is queued as a draw of its own, and skipped if the size came back.
      let queued = false;
      const fit = () => {
        queued = false;
        const s = size();
        if (s.width !== made.width || s.height !== made.height) made.setSize(s);
      };
      resize = fit;
      ro = new ResizeObserver(() => {
        if (queued) return;
        queued = true;
        enqueueDraw(fit);
      });
      ro.observe(el);
    };
    enqueueDraw(build);
    return () => {
      cancelDraw(build);
      if (resize) cancelDraw(resize);
      ro?.disconnect();
      u?.destroy();
      plot.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rebuilt only when the series change
  }, [optionsKey]);

  useRafDraw(controller, () => {
    const u = plot.current;
    // Not built yet: leave the data unread, so the chart's build (queued) draws it.
    if (!u) return;
    const d = data();
    if (d === null) return;
    u.setData(d);
    showState(d);
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
      {note && <p className="nl-tr-chart-note" data-testid={`${testId}-note`} ref={noteRef} hidden />}
      {empty && <div className="nl-tr-empty" data-testid={`${testId}-empty`} ref={emptyRef} role="status">{empty()}</div>}
    </figure>
  );
}

/** Write a data attribute only when it changes (a rewrite of the same value is still a DOM mutation). */
function setData(el: HTMLElement, key: string, value: string): void {
  if (el.dataset[key] !== value) el.dataset[key] = value;
}
