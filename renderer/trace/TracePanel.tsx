import { useEffect, useSyncExternalStore } from 'react';
import { useDoc } from '../app/context';
import { useStoreKey, useTrainingController } from '../training/hooks';
import { traceStoreFor } from './trace-store';
import { TraceExamplePicker } from './TraceExamplePicker';
import { UnitMaps } from './UnitMaps';
import { BarStrip, Heatmap } from './ValueViews';
import './trace.css';

/**
 * Step-through of one example, below the advisor: with the run paused, pick a training row and walk
 * it through the network — forward, each node's output; back, each node's gradient and its weights'
 * gradients. The current node is highlighted on the canvas (NodeTraceMark).
 */
export function TracePanel() {
  const c = useTrainingController();
  const t = traceStoreFor(c);
  const s = useSyncExternalStore(t.subscribe, t.get);
  const paused = useStoreKey(c, () => c.playState() === 'paused');
  const rows = useStoreKey(c, () => c.store.active()?.info?.trainSamples ?? null);
  const graph = useDoc((d) => d.graph);
  const node = s.result?.nodes[s.index];
  const twoD = s.result?.input.length === 2;
  const mapsFor = node && twoD && s.phase === 'forward' && (node.type === 'Dense' || node.type === 'Activation') && node.output.length > 1 ? node.id : null;
  const step = s.result?.step;
  useEffect(() => {
    if (mapsFor) t.requestUnitMap(mapsFor);
  }, [t, mapsFor, step]);
  // The run has trained on since this trace was taken (it is refreshed when the run pauses again).
  const stale = useStoreKey(c, () => t.isStale());
  const runStep = useStoreKey(c, () => c.store.active()?.step ?? 0);
  const training = useStoreKey(c, () => c.playState() === 'running');

  const n = Number(s.draft);
  const valid = Number.isInteger(n) && n >= 0 && (rows === null || n < rows);
  // Nothing to step through until a run is paused: the bar would only take room from the canvas.
  if (!paused && !s.result) return null;
  const title = node ? graph.nodes.find((g) => g.id === node.id)?.label ?? node.id : '';
  return (
    <section className={`nl-trace${s.result ? '' : ' compact'}`} data-testid="trace" aria-label="Step through one example" data-stale={s.result ? stale : undefined}>
      <h2>
        <span>Step through one example</span>
        <label>
          row
          <input type="number" min={0} max={rows !== null ? rows - 1 : undefined} value={s.draft} onChange={(e) => t.setDraft(e.target.value)} data-testid="trace-example" aria-invalid={!valid} />
        </label>
        <button type="button" data-testid="trace-start" disabled={!paused || !valid} onClick={() => t.start(n)} title={paused ? 'Send this training row through the network at the current weights' : 'Pause the run first (or press Step)'}>
          Trace
        </button>
        <button type="button" data-testid="trace-backward" disabled={!t.canBackward()} onClick={() => t.backward()} title="One node back: its gradient">◀ back</button>
        <button type="button" data-testid="trace-forward" disabled={!t.canForward()} onClick={() => t.forward()} title="One node on: its output">forward ▶</button>
        {s.result && <button type="button" data-testid="trace-close" onClick={() => t.stop()}>Close</button>}
        {s.result && (
          <span className="nl-trace-where" data-testid="trace-position" data-index={s.index} data-phase={s.phase} data-example={s.result.example} data-split={s.result.split} data-step={s.result.step}>
            {s.result.split === 'validation' ? 'validation row' : 'row'} {s.result.example} · {s.index + 1}/{s.result.nodes.length} · loss {s.result.loss === null ? '—' : s.result.loss.toPrecision(4)} · step {s.result.step}
          </span>
        )}
        {!paused && !s.result && <span className="nl-trace-hint">Pause a run (or press Step) to follow one example.</span>}
      </h2>
      {s.error && <p className="nl-trace-error" role="alert">{s.error}</p>}
      {s.result && (stale || s.refreshing) && (
        <p className="nl-trace-stale" data-testid="trace-stale" role="status" data-refreshing={s.refreshing}>
          {s.refreshing
            ? s.example !== s.result.example || s.split !== s.result.split ? `Tracing ${s.split === 'validation' ? 'validation row' : 'row'} ${s.example}…` : 'Taking the trace again at the current weights…'
            : training
              ? `These values are from step ${s.result.step}; the run is at step ${runStep}. Pause (or press Step) to see them at the new weights.`
              : `These values are from step ${s.result.step}; the run ended at step ${runStep}.`}
        </p>
      )}
      {(paused || s.result) && <TraceExamplePicker />}
      {s.result && node && (
        <div className="nl-trace-body">
          <div
            className="nl-trace-values"
            data-testid="trace-node-values"
            data-node-id={node.id}
            data-phase={s.phase}
            data-value={JSON.stringify(Array.from(s.phase === 'forward' ? node.output : node.gradOutput ?? []))}
          >
            <b>{title}</b> ({node.type}) {s.phase === 'forward' ? 'output' : 'gradient of the loss with respect to its output'}
            {' '}[{node.shape.join('×') || '1'}]
            {s.phase === 'forward' || node.gradOutput ? (
              <Values values={s.phase === 'forward' ? node.output : node.gradOutput!} shape={node.shape} label={s.phase === 'forward' ? 'output' : 'gradient'} />
            ) : (
              <p className="nl-trace-caption">No gradient: this node does not lead to the loss (or is the input).</p>
            )}
          </div>
          {Object.entries(node.params).map(([name, p]) => {
            const v = s.phase === 'forward' ? p.value : p.grad;
            return (
              <div key={name} className="nl-trace-param" data-testid="trace-param" data-param={name} data-value={JSON.stringify(Array.from(v))}>
                <Values values={v} shape={p.shape} label={`${name}${s.phase === 'forward' ? '' : ' gradient'}`} />
              </div>
            );
          })}
          {mapsFor && s.unitMaps.get(mapsFor) && <UnitMaps map={s.unitMaps.get(mapsFor)!} />}
        </div>
      )}
    </section>
  );
}

/** A matrix as a heatmap, anything else as a bar strip. */
function Values({ values, shape, label }: { values: Float32Array; shape: number[]; label: string }) {
  if (shape.length === 2 && shape[0]! > 1 && shape[1]! > 1) return <Heatmap values={values} rows={shape[0]!} cols={shape[1]!} label={label} />;
  return (
    <figure className="nl-trace-heat">
      <BarStrip values={values} />
      {label !== 'output' && label !== 'gradient' && <figcaption>{label} <span>{values.length}</span></figcaption>}
    </figure>
  );
}
