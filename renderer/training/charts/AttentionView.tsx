import { useRef } from 'react';
import type { TrainingController } from '../controller';
import { useRafDraw } from '../hooks';
import { useInspectedNode } from './useInspectedNode';
import { prepareCanvas } from './canvas';
import { rgb, sequential } from './palette';


/**
 * Attention weights of one validation example on a SelfAttention node: one T×T map per head, row =
 * the position attending, column = the position attended to.
 */
export function AttentionView({ controller: c }: { controller: TrainingController }) {
  const { nodes, chosen, setNodeId, example, setExample, ask } = useInspectedNode(c, (t) => t === 'SelfAttention');
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<unknown>(null);

  useRafDraw(c, () => {
    const a = c.store.active()?.attention;
    if (!canvas.current || !a || a === last.current) return;
    const p = prepareCanvas(canvas.current);
    if (!p) return;
    last.current = a;
    const T = a.length;
    const gap = 12;
    const side = Math.max(4, Math.min((p.w - gap * (a.heads - 1)) / a.heads, p.h - 16));
    const cell = side / T;
    p.ctx.font = '10px system-ui, sans-serif';
    p.ctx.fillStyle = '#475569';
    for (let h = 0; h < a.heads; h++) {
      const x0 = h * (side + gap);
      p.ctx.fillStyle = '#475569';
      p.ctx.fillText(`head ${h + 1}`, x0, 10);
      for (let i = 0; i < T; i++) {
        for (let j = 0; j < T; j++) {
          p.ctx.fillStyle = rgb(sequential(a.weights[h * T * T + i * T + j]!));
          p.ctx.fillRect(x0 + j * cell, 14 + i * cell, Math.ceil(cell), Math.ceil(cell));
        }
      }
    }
  });

  if (nodes.length === 0) return <div className="nl-tr-empty static" data-testid="chart-attention">This run has no SelfAttention node.</div>;
  return (
    <div className="nl-tr-attention" data-testid="chart-attention">
      <div className="nl-tr-inline">
        <label>Node <select data-testid="attention-node" value={chosen} onChange={(e) => setNodeId(e.target.value)}>{nodes.map((n) => <option key={n}>{n}</option>)}</select></label>
        <label>Example <input data-testid="attention-example" type="number" min={0} value={example} onChange={(e) => setExample(Math.max(0, Math.floor(Number(e.target.value) || 0)))} /></label>
        <button type="button" className="nl-tr-btn" onClick={ask}>Refresh</button>
      </div>
      <canvas ref={canvas} />
    </div>
  );
}
