import { useRef } from 'react';
import type { TrainingController } from '../controller';
import { useRafDraw, useStoreKey } from '../hooks';
import { useInspectedNode } from './useInspectedNode';
import { prepareCanvas } from './canvas';
import { channelRange, layoutMaps } from './feature-maps-layout';
import { rgb, sequential } from './palette';
import { FEATURE_MAP_TYPES } from '../preview/inspect-types';
import type { RunData } from '../run-store';

/** The latest feature maps answered for this node (node previews ask about other nodes too). */
function mapsOf(run: RunData | undefined, nodeId: string) {
  const r = run?.inspected.get(nodeId)?.result;
  return r?.type === 'featureMaps' ? r : undefined;
}

/**
 * Feature maps of one validation example on a convolution or pooling layer: one small picture per
 * channel (each scaled to its own range, dark = low, bright = high), so a learner sees which filter
 * responds where. A 1D layer shows one strip per channel.
 */
export function FeatureMapsView({ controller: c }: { controller: TrainingController }) {
  const { nodes, chosen, setNodeId, example, setExample, ask } = useInspectedNode(c, (t) => FEATURE_MAP_TYPES.has(t));
  const shown = useStoreKey(c, () => {
    const m = mapsOf(c.store.active(), chosen);
    return m ? `${m.nodeId}:${m.example}:${m.channels}` : '';
  });
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<unknown>(null);

  useRafDraw(c, () => {
    const m = mapsOf(c.store.active(), chosen);
    if (!canvas.current || !m || m === last.current) return;
    const p = prepareCanvas(canvas.current);
    if (!p) return;
    last.current = m;
    const plane = m.height * m.width;
    const L = layoutMaps(p.w, p.h, m.channels, m.height, m.width);
    const cell = Math.max(L.cell, 0.5);
    p.ctx.font = '10px system-ui, sans-serif';
    for (let ch = 0; ch < m.channels; ch++) {
      const { x, y } = L.at(ch);
      const { min, span } = channelRange(m.values, ch, plane);
      p.ctx.fillStyle = '#475569';
      p.ctx.fillText(`${ch + 1}`, x, y - 2);
      for (let r = 0; r < m.height; r++) {
        for (let col = 0; col < m.width; col++) {
          const v = m.values[ch * plane + r * m.width + col]!;
          p.ctx.fillStyle = rgb(sequential(span > 0 ? (v - min) / span : 0));
          p.ctx.fillRect(x + col * cell, y + r * cell, Math.ceil(cell), Math.ceil(cell));
        }
      }
    }
  });

  if (nodes.length === 0) return null;
  return (
    <div className="nl-tr-attention" data-testid="chart-feature-maps" data-shown={shown}>
      <div className="nl-tr-inline">
        <strong>Feature maps</strong>
        <label>Layer <select data-testid="feature-maps-node" value={chosen} onChange={(e) => setNodeId(e.target.value)}>{nodes.map((n) => <option key={n}>{n}</option>)}</select></label>
        <label>Example <input data-testid="feature-maps-example" type="number" min={0} value={example} onChange={(e) => setExample(Math.max(0, Math.floor(Number(e.target.value) || 0)))} /></label>
        <button type="button" className="nl-tr-btn" onClick={ask}>Refresh</button>
      </div>
      <canvas ref={canvas} style={{ minHeight: 160 }} />
    </div>
  );
}
