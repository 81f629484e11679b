import type uPlot from 'uplot';
import type { TrainingController } from '../controller';

type ActiveRun = NonNullable<ReturnType<TrainingController['store']['active']>>;

/**
 * A chart's data callback that rebuilds only when the active run (or its version) changed since the last
 * call, and returns null otherwise so the chart skips the redraw.
 */
export function activeRunData(c: TrainingController, build: (run: ActiveRun | undefined) => uPlot.AlignedData): () => uPlot.AlignedData | null {
  // Not '' (the key of "no run"): a chart re-created while no run is active must still draw its empty state.
  let seen: string | null = null;
  return () => {
    const run = c.store.active() ?? undefined;
    const key = run ? `${run.meta.id}:${run.version}` : '';
    if (key === seen) return null;
    seen = key;
    return build(run);
  };
}
