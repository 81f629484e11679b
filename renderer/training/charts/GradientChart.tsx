import uPlot from 'uplot';
import type { TrainingController } from '../controller';
import { useStoreKey } from '../hooks';
import { activeRunData } from './active-run-data';
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
  const data = activeRunData(c, (run) => {
    if (!run || ids.length === 0) return [[]];
    // Zero norms have no place on a log axis: leave a gap.
    return uPlot.join(ids.map((id) => {
      const s = run.grads.get(id);
      return s ? [s.x, s.y.map((v) => (v > 0 ? v : null))] as uPlot.AlignedData : [[], []] as uPlot.AlignedData;
    }));
  });
  return (
    <UPlotChart
      controller={c}
      testId="chart-gradients"
      title="Gradient norm per layer"
      optionsKey={`grads:${layers}`}
      empty="Gradient norms appear after the first epoch"
      legend={ids.map((id, i) => ({ label: id, colour: runColour(i) }))}
      data={data}
      options={() => ({
        scales: { x: { time: false }, y: { distr: 3, log: 10 } },
        axes: [axis({ label: 'step', labelSize: 14, size: 30 }), axis({ size: 46, values: (_u, vals) => vals.map((v) => (v == null ? '' : v.toExponential(0))) })],
        series: [{}, ...ids.map((id, i) => line(id, runColour(i)))],
      })}
    />
  );
}
