import { useEffect, useRef, useSyncExternalStore } from 'react';
import { DATASETS } from '../../core/datasets';
import type { TraceRowsResult } from '../../core/protocol/trace';
import { imageSize } from '../../core/session/image-examples';
import { useStoreKey, useTrainingController } from '../training/hooks';
import { traceStoreFor } from './trace-store';

type Kind = 'image' | 'sequence' | null;

const MAX_TOKENS_SHOWN = 32;

/** A picture's size and channels: grey images as the validation grid reads them, or colour [3, H, W] (channels first). */
export function pictureOf(shape: readonly number[]): { width: number; height: number; channels: 1 | 3 } | null {
  const grey = imageSize(shape);
  if (grey) return { ...grey, channels: 1 };
  if (shape.length === 3 && shape[0] === 3 && shape[1]! >= 8 && shape[2]! >= 8) return { height: shape[1]!, width: shape[2]!, channels: 3 };
  return null;
}

/** How the first training rows are shown for picking: pictures, token lists, or not at all (2D data picks on the chart). */
export function pickKind(rows: TraceRowsResult, datasetName: string | null): Kind {
  if (rows.count === 0) return null;
  if (pictureOf(rows.shape)) return 'image';
  const tokens = datasetName !== null && DATASETS[datasetName]?.params.encoding !== undefined;
  if (tokens || rows.shape.length === 2) return 'sequence';
  return null;
}

/**
 * The tokens of one sequence as text: ids as they are ([T]), one-hot rows as the id that is set
 * ([T, vocab]); null when the rows are real-valued vectors (shown as a small heatmap instead).
 */
export function sequenceText(rows: TraceRowsResult, k: number): string | null {
  const size = rows.shape.reduce((a, b) => a * b, 1);
  const row = rows.inputs.subarray(k * size, (k + 1) * size);
  if (rows.shape.length === 1) return Array.from(row, (v) => String(v)).join(' ');
  const [T, V] = rows.shape as [number, number];
  const ids: number[] = [];
  for (let t = 0; t < T; t++) {
    const step = row.subarray(t * V, (t + 1) * V);
    const ones = step.reduce((n, v) => n + (v === 1 ? 1 : 0), 0);
    const zeros = step.reduce((n, v) => n + (v === 0 ? 1 : 0), 0);
    if (ones !== 1 || ones + zeros !== V) return null;
    ids.push(step.indexOf(1));
  }
  return ids.join(' ');
}

/**
 * Below the step-through's bar, for image and sequence data: the first training examples, in the order
 * `netloom trace --example N` counts them; a click traces that one. (2D data is picked on the
 * decision chart instead; other data by the row field.)
 */
export function TraceExamplePicker() {
  const c = useTrainingController();
  const t = traceStoreFor(c);
  const s = useSyncExternalStore(t.subscribe, t.get);
  const datasetName = useStoreKey(c, () => c.store.active()?.meta.graph.training.dataset.name ?? null);
  const runStep = useStoreKey(c, () => {
    const run = c.store.active();
    return run && c.playState() === 'paused' ? `${run.meta.id}@${run.step}` : null;
  });
  useEffect(() => {
    if (runStep) t.requestRows();
  }, [t, runStep]);
  const rows = s.rows;
  const kind = rows ? pickKind(rows, datasetName) : null;
  if (!rows || !kind) return null;
  const picked = s.result?.split === 'train' ? s.result.example : null;
  // A trace is taken between batches of a paused run only (as the Trace button).
  const paused = runStep !== null;
  const items = Array.from({ length: rows.count }, (_, k) => k);
  return (
    <div className={`nl-trace-pick nl-trace-pick-${kind}`} role="group" aria-label={`The first training ${kind === 'image' ? 'pictures' : 'sequences'}: pick one to trace`} data-testid="trace-pick-rows" data-count={rows.count}>
      <span className="nl-trace-caption">Training rows — click one to trace it:</span>
      {items.map((k) => (
        <button
          key={k}
          type="button"
          className="nl-trace-pick-item"
          data-testid={kind === 'image' ? 'trace-pick-image' : 'trace-pick-sequence'}
          data-index={k}
          data-label={rows.labels[k]}
          aria-pressed={picked === k}
          onClick={() => t.pick(k)}
          disabled={!paused}
          title={paused ? `row ${k}, class ${rows.labels[k]}` : 'Pause the run first (or press Step)'}
        >
          {kind === 'image' ? <RowPicture rows={rows} k={k} /> : <SequenceRow rows={rows} k={k} />}
          <span className="nl-trace-pick-label">{kind === 'image' ? rows.labels[k] : `→ ${rows.labels[k]}`}</span>
        </button>
      ))}
    </div>
  );
}

/** One training image: grey ones ink dark on white as in the validation grid, colour ones as they are. */
function RowPicture({ rows, k }: { rows: TraceRowsResult; k: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { width, height, channels } = pictureOf(rows.shape)!;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = new ImageData(width, height);
    const plane = width * height;
    const base = k * plane * channels;
    const byte = (v: number) => Math.round(255 * Math.min(1, Math.max(0, v)));
    for (let p = 0; p < plane; p++) {
      if (channels === 1) img.data[4 * p] = img.data[4 * p + 1] = img.data[4 * p + 2] = 255 - byte(rows.inputs[base + p]!);
      else for (let ch = 0; ch < 3; ch++) img.data[4 * p + ch] = byte(rows.inputs[base + ch * plane + p]!);
      img.data[4 * p + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [rows, k, width, height, channels]);
  return <canvas ref={ref} width={width} height={height} role="img" aria-label={`training row ${k}`} />;
}

/** One training sequence: its tokens as text, or its vectors as a small heatmap (one row per step). */
function SequenceRow({ rows, k }: { rows: TraceRowsResult; k: number }) {
  const text = sequenceText(rows, k);
  if (text !== null) {
    // Long sequences (up to 512 steps) would fill the strip: the first tokens, the rest on hover.
    const ids = text.split(' ');
    const shown = ids.length > MAX_TOKENS_SHOWN ? `${ids.slice(0, MAX_TOKENS_SHOWN).join(' ')} …` : text;
    return <code className="nl-trace-pick-tokens" title={text}>{shown}</code>;
  }
  return <VectorsPicture rows={rows} k={k} />;
}

/** Real-valued steps [T, F] as a tiny heatmap, one row of pixels per step (orange positive, blue negative). */
function VectorsPicture({ rows, k }: { rows: TraceRowsResult; k: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [T, F] = rows.shape as [number, number];
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const row = rows.inputs.subarray(k * T * F, (k + 1) * T * F);
    const m = row.reduce((a, v) => Math.max(a, Math.abs(v)), 1e-12);
    for (let i = 0; i < T * F; i++) {
      const v = row[i]! / m;
      ctx.fillStyle = v < 0 ? `rgba(37, 99, 235, ${-v})` : `rgba(234, 88, 12, ${v})`;
      ctx.fillRect(i % F, Math.floor(i / F), 1, 1);
    }
  }, [rows, k, T, F]);
  return <canvas ref={ref} className="nl-trace-pick-vectors" width={F} height={T} role="img" aria-label={`training row ${k}: ${T} steps of ${F} numbers`} />;
}
