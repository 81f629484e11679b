import { useEffect, useRef } from 'react';

/** Largest |v| of an array (at least a tiny number, so an all-zero array draws as zeros). */
function scaleOf(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]!));
  return m > 0 ? m : 1e-12;
}

/** A diverging colour: blue for negative, orange for positive, white at zero. */
function colour(v: number, scale: number): string {
  const t = Math.max(-1, Math.min(1, v / scale));
  const a = Math.abs(t);
  return t < 0 ? `rgba(37, 99, 235, ${a})` : `rgba(234, 88, 12, ${a})`;
}

/** A vector as a strip of bars around a zero line; each bar's exact value is its tooltip. */
export function BarStrip({ values, testId }: { values: Float32Array; testId?: string }) {
  const scale = scaleOf(values);
  const shown = Math.min(values.length, 64);
  return (
    <div className="nl-trace-bars" data-testid={testId} data-count={values.length}>
      {Array.from(values.subarray(0, shown), (v, i) => (
        <span key={i} className="nl-trace-bar" title={`[${i}] ${v}`} data-value={v}>
          <span className={v < 0 ? 'neg' : 'pos'} style={{ height: `${(Math.abs(v) / scale) * 50}%` }} />
        </span>
      ))}
      {values.length > shown && <span className="nl-trace-more">… {values.length - shown} more</span>}
    </div>
  );
}

/** A rows×cols matrix (row-major) as a small heatmap, scaled to its largest magnitude. */
export function Heatmap({ values, rows, cols, label, testId }: { values: Float32Array; rows: number; cols: number; label: string; testId?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const cv = ref.current;
    const ctx = cv?.getContext('2d');
    if (!cv || !ctx) return;
    const scale = scaleOf(values);
    ctx.clearRect(0, 0, cols, rows);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        ctx.fillStyle = colour(values[r * cols + c]!, scale);
        ctx.fillRect(c, r, 1, 1);
      }
    }
  }, [values, rows, cols]);
  const cell = Math.max(3, Math.min(14, Math.floor(120 / Math.max(rows, cols))));
  return (
    <figure className="nl-trace-heat" data-testid={testId}>
      <canvas ref={ref} width={cols} height={rows} style={{ width: cols * cell, height: rows * cell }} role="img" aria-label={`${label}: ${rows} × ${cols}, largest magnitude ${scaleOf(values).toPrecision(3)}`} />
      <figcaption>{label} <span>{rows}×{cols}</span></figcaption>
    </figure>
  );
}
