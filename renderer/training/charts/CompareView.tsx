import uPlot from 'uplot';
import type { TrainingController } from '../controller';
import { useStoreKey } from '../hooks';
import { axis, line } from './axes';
import { runColour } from './palette';
import { extrapolationOf, formatMetric } from '../readouts';
import { UPlotChart } from './UPlotChart';

/** The chosen runs' validation loss (solid) and accuracy (dashed) per epoch, overlaid. */
export function CompareView({ controller: c }: { controller: TrainingController }) {
  const key = useStoreKey(c, () => c.store.compareIds().join(','));
  const ids = key === '' ? [] : key.split(',');
  const names = useStoreKey(c, () => ids.map((id) => c.store.get(id)?.meta.name ?? id).join('\u0001'));
  let seen = '';
  const data = (): uPlot.AlignedData | null => {
    const runs = ids.map((id) => c.store.get(id));
    const version = runs.map((r) => r?.version ?? -1).join(',');
    if (version === seen) return null;
    seen = version;
    if (ids.length === 0) return [[]];
    return uPlot.join(runs.map((r) => (r ? [r.epochs.epoch.y, r.epochs.valLoss.y, r.epochs.valAcc.y] : [[], [], []]) as uPlot.AlignedData));
  };
  const labels = names.split('\u0001');
  // Arithmetic runs: the training-range and extrapolation errors, side by side per run.
  const extra = useStoreKey(c, () => ids.map((id) => {
    const r = c.store.get(id);
    const ex = extrapolationOf(r?.epochEvents[r.epochEvents.length - 1]);
    return ex.extrapolationError === null ? '' : `${formatMetric(ex.rangeError)}\u0002${formatMetric(ex.extrapolationError)}`;
  }).join('\u0001'));
  const extraRows = extra.split('\u0001');
  return (
    <div className="nl-tr-compare" data-testid="runs-compare" data-runs={key}>
      <UPlotChart
        controller={c}
        testId="chart-compare"
        title="Compare: validation loss (solid) and accuracy (dashed)"
        optionsKey={`compare:${key}`}
        legend={ids.map((id, i) => ({ label: labels[i] ?? id, colour: runColour(i) }))}
        data={data}
        empty={() => (ids.length === 0 ? 'Tick runs in the run list to compare them here.' : 'The ticked runs have not finished an epoch yet.')}
        options={() => ({
          scales: { x: { time: false }, loss: { range: (_u, _min, max) => [0, Math.max(1e-6, max)] }, acc: { range: [0, 1] } },
          axes: [axis({ label: 'epoch', labelSize: 14, size: 30 }), axis({ scale: 'loss', size: 42 }), axis({ scale: 'acc', side: 1, grid: { show: false }, size: 34 })],
          series: [{}, ...ids.flatMap((id, i) => [
            line(`${labels[i] ?? id} loss`, runColour(i), { scale: 'loss', width: 2 }),
            line(`${labels[i] ?? id} acc`, runColour(i), { scale: 'acc', dash: [5, 4] }),
          ])],
        })}
      />
      {extraRows.some((e) => e !== '') && (
        <table className="nl-tr-compare-table" data-testid="compare-extrapolation">
          <thead><tr><th scope="col">run</th><th scope="col">error in training range</th><th scope="col">error beyond it</th></tr></thead>
          <tbody>
            {ids.map((id, i) => {
              const [range, beyond] = (extraRows[i] ?? '').split('\u0002');
              return extraRows[i] ? <tr key={id}><th scope="row">{labels[i] ?? id}</th><td>{range}</td><td>{beyond}</td></tr> : null;
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
