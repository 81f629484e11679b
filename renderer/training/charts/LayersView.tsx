import { useEffect, useRef } from 'react';
import type { TrainingController } from '../controller';
import { useRafDraw, useStoreKey } from '../hooks';
import { prepareCanvas } from './canvas';
import { drawHistogram, unitHealth } from './histogram-draw';
import { runSituation } from './empty-reasons';

/** One activation histogram per node of the active run, with mean, spread and dead/saturated units. */
export function LayersView({ controller: c }: { controller: TrainingController }) {
  const ids = useStoreKey(c, () => c.store.active()?.layerStats?.map((s) => s.id).join(',') ?? '');
  const list = useRef<HTMLDivElement>(null);
  const last = useRef<unknown>(null);
  const draw = () => {
    const run = c.store.active();
    const stats = run?.layerStats;
    if (!list.current || !stats || stats === last.current) return;
    last.current = stats;
    const types = new Map(run.meta.graph.nodes.map((n) => [n.id, n.type]));
    for (const s of stats) {
      const item = list.current.querySelector<HTMLElement>(`[data-node="${CSS.escape(s.id)}"]`);
      const canvas = item?.querySelector('canvas');
      if (!item || !canvas) continue;
      const p = prepareCanvas(canvas);
      if (p) drawHistogram(p.ctx, p.w, p.h, s, types.get(s.id) === 'Activation' ? '#b45309' : '#6d28d9', true);
      const health = unitHealth(s);
      const info = item.querySelector<HTMLElement>('.nl-tr-hist-info')!;
      info.textContent = `mean ${s.mean.toFixed(3)} · std ${s.std.toFixed(3)}${health ? ` · ${health.text}` : ''}`;
      info.classList.toggle('bad', health?.bad ?? false);
    }
  };
  useRafDraw(c, draw, 250);
  // New nodes were just rendered: draw them now rather than at the next frame (there may be none).
  useEffect(() => {
    last.current = null;
    draw();
  }, [ids]);
  const nodes = ids === '' ? [] : ids.split(',');
  const why = useStoreKey(c, () => runSituation(c.store.active()) ?? 'Activation histograms appear at the end of the first epoch.');
  return (
    <div className="nl-tr-layers" data-testid="chart-histograms" ref={list}>
      {nodes.length === 0 && <div className="nl-tr-empty static" role="status">{why}</div>}
      {nodes.map((id) => (
        <figure key={id} className="nl-tr-hist" data-node={id} data-testid={`histogram-${id}`}>
          <figcaption>{id}</figcaption>
          <canvas />
          <div className="nl-tr-hist-info" />
        </figure>
      ))}
    </div>
  );
}
