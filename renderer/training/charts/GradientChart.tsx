import { useRef } from 'react';
import type uPlot from 'uplot';
import type { TrainingController } from '../controller';
import { useStoreKey } from '../hooks';
import { activeRunData } from './active-run-data';
import { joinSeriesInto } from './align';
import { gradientEmpty, zeroGradientNote } from './empty-reasons';
import { axis, line } from './axes';
import { runColour } from './palette';
import { UPlotChart } from './UPlotChart';

/**
 * Gradient L2 norm per layer over training steps, on a log scale: vanishing gradients show as layers
 * sinking decades below the others, exploding ones as a climb.
 */
export function GradientChart({ controller: c }: { controller: TrainingController }) {
  // The set of layers decides the series; it changes only when a new run reports different layers.
  const layers = useStoreKey(c, () => {
    const run = c.store.active();
    return run ? [...run.grads.keys()].join(',') : '';
  });
  const ids = layers === '' ? [] : layers.split(',');
  // One table per chart, refilled at each redraw (see joinSeriesInto); uPlot reads it at setData.
  const table = useRef<(number | null)[][] | null>(null);
  const data = activeRunData(c, (run) => {
    if (!run || ids.length === 0) return [[]];
    // A log axis has no 0: zero norms sit on a floor line a decade below the smallest real one, and
    // the note under the chart says that no gradient flows there (a gap would hide the problem).
    const series = ids.map((id) => run.grads.get(id) ?? NO_POINTS);
    const floor = gradientFloor(series.map((s) => s.y));
    table.current = joinSeriesInto(table.current, series, (v) => (v > 0 ? v : v === 0 ? floor : null));
    return table.current as uPlot.AlignedData;
  });
  return (
    <UPlotChart
      controller={c}
      testId="chart-gradients"
      title="Gradient norm per layer"
      optionsKey={`grads:${layers}`}
      empty={() => gradientEmpty(c.store.active())}
      note={() => zeroGradientNote(c.store.active())}
      legend={ids.map((id, i) => ({ label: id, colour: runColour(i) }))}
      data={data}
      step={() => c.store.active()?.step ?? 0}
      options={() => ({
        scales: { x: { time: false }, y: { distr: 3, log: 10 } },
        axes: [axis({ label: 'step', labelSize: 14, size: 30 }), axis({ size: 46, values: (_u, vals) => vals.map((v) => (v == null ? '' : v.toExponential(0))) })],
        // Norms are sampled once an epoch: a run of a few long epochs has a few samples, drawn as dots
        // (uPlot's own rule shows points where they are sparse) instead of an empty-looking chart.
        series: [{}, ...ids.map((id, i) => line(id, runColour(i), { points: {} }))],
      })}
    />
  );
}

const NO_POINTS = { x: [] as number[], y: [] as number[] };

/** Where zero norms are drawn on the log axis: a decade below the smallest positive norm (1e-8 if none). */
export function gradientFloor(series: readonly number[][]): number {
  let min = Infinity;
  for (const ys of series) for (const v of ys) if (v > 0 && v < min) min = v;
  return Number.isFinite(min) ? 10 ** (Math.floor(Math.log10(min)) - 1) : 1e-8;
}
