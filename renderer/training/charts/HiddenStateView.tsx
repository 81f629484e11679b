import { useRef } from 'react';
import { RECURRENT_TYPES } from '../../../core/catalog/recurrent-types';
import type { TrainingController } from '../controller';
import { useRafDraw } from '../hooks';
import { useInspectedNode } from './useInspectedNode';
import { prepareCanvas } from './canvas';
import { diverging, rgb } from './palette';


/**
 * The hidden state of a recurrent layer over time for one validation example: one column per step (left
 * to right), one row per unit, blue for −1 through white to orange for +1 (tanh's range; an LSTM's h is
 * in it too). A unit that keeps its colour across the row is remembering something.
 */
export function HiddenStateView({ controller: c }: { controller: TrainingController }) {
  const { nodes, chosen, setNodeId, example, setExample, ask } = useInspectedNode(c, (t) => RECURRENT_TYPES.has(t));
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const last = useRef<unknown>(null);

  useRafDraw(c, () => {
    // Node previews ask about other nodes too: the answer kept for this one.
    const answer = c.store.active()?.inspected.get(chosen)?.result;
    const h = answer?.type === 'hiddenState' ? answer : undefined;
    if (!canvas.current || !h || h === last.current) return;
    const p = prepareCanvas(canvas.current);
    if (!p) return;
    last.current = h;
    const cw = p.w / h.steps;
    const ch = p.h / h.units;
    for (let t = 0; t < h.steps; t++) {
      for (let u = 0; u < h.units; u++) {
        p.ctx.fillStyle = rgb(diverging((h.values[t * h.units + u]! + 1) / 2));
        p.ctx.fillRect(t * cw, u * ch, Math.ceil(cw), Math.ceil(ch));
      }
    }
    // State for automation: what is drawn (tests wait on it, never on time).
    box.current?.setAttribute('data-steps', String(h.steps));
    box.current?.setAttribute('data-units', String(h.units));
    box.current?.setAttribute('data-node', h.nodeId);
  });

  if (nodes.length === 0) return null;
  return (
    <div className="nl-tr-attention nl-tr-hidden" data-testid="chart-hidden-state" ref={box}>
      <div className="nl-tr-inline">
        <span>Hidden state over time (steps →, units ↓; blue −1, white 0, orange +1)</span>
        <label>Node <select data-testid="hidden-state-node" value={chosen} onChange={(e) => setNodeId(e.target.value)}>{nodes.map((n) => <option key={n}>{n}</option>)}</select></label>
        <label>Example <input data-testid="hidden-state-example" type="number" min={0} value={example} onChange={(e) => setExample(Math.max(0, Math.floor(Number(e.target.value) || 0)))} /></label>
        <button type="button" className="nl-tr-btn" onClick={ask}>Refresh</button>
      </div>
      <canvas ref={canvas} />
    </div>
  );
}
