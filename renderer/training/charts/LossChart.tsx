import { useRef } from 'react';
import type uPlot from 'uplot';
import { mergeSortedInto } from './align';
import type { TrainingController } from '../controller';
import { activeRunData } from './active-run-data';
import { lossEmpty } from './empty-reasons';
import { axis, line } from './axes';
import { UPlotChart } from './UPlotChart';

const C = { batch: 'rgba(100, 116, 139, 0.45)', train: '#2563eb', val: '#ea580c' };

/**
 * Train and validation loss per epoch (solid), accuracy on a 0–1 scale on the right (dashed), and every
 * batch loss underneath in grey — x is in epochs, batches placed at their fraction of an epoch.
 */
export function LossChart({ controller: c }: { controller: TrainingController }) {
  // One table per chart, refilled at each redraw (see mergeSortedInto); uPlot reads it at setData.
  const table = useRef<(number | null)[][] | null>(null);
  const data = activeRunData(c, (run) => {
    if (!run) return [[], [], [], [], [], []];
    const perEpoch = run.info?.batchesPerEpoch ?? 0;
    const e = run.epochs;
    table.current = mergeSortedInto(table.current, [run.batch.x, run.batch.y], [e.epoch.y, e.trainLoss.y, e.valLoss.y, e.trainAcc.y, e.valAcc.y], perEpoch > 0 ? perEpoch : 1);
    return table.current as uPlot.AlignedData;
  });
  return (
    <UPlotChart
      controller={c}
      testId="chart-loss"
      title="Loss & accuracy"
      optionsKey="loss"
      empty={() => lossEmpty(c.store.active())}
      legend={[
        { label: 'batch', colour: C.batch }, { label: 'train loss', colour: C.train }, { label: 'val loss', colour: C.val },
        { label: 'train acc', colour: C.train, dashed: true }, { label: 'val acc', colour: C.val, dashed: true },
      ]}
      data={data}
      step={() => c.store.active()?.step ?? 0}
      options={() => ({
        scales: { x: { time: false }, loss: { range: (_u, _min, max) => [0, Math.max(1e-6, max)] }, acc: { range: [0, 1] } },
        axes: [
          axis({ label: 'epoch', labelSize: 14, size: 30 }),
          axis({ scale: 'loss', size: 42 }),
          axis({ scale: 'acc', side: 1, grid: { show: false }, size: 34 }),
        ],
        series: [
          {},
          line('batch loss', C.batch, { scale: 'loss', width: 1 }),
          line('train loss', C.train, { scale: 'loss', width: 2 }),
          line('val loss', C.val, { scale: 'loss', width: 2 }),
          line('train acc', C.train, { scale: 'acc', dash: [5, 4] }),
          line('val acc', C.val, { scale: 'acc', dash: [5, 4] }),
        ],
      })}
    />
  );
}
