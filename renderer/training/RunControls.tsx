import { useRef } from 'react';
import type { Graph } from '../../core/graph/schema';
import type { TrainingController } from './controller';
import { useRafDraw, useStoreKey } from './hooks';
import { formatMetric, readoutOf } from './readouts';
import { SpeedControl } from './SpeedControl';
import { PredictButton } from '../predict/PredictButton';

/** How often the live read-outs are rewritten at most (the final state is always written). */
const READOUT_INTERVAL_MS = 100;

interface Props {
  controller: TrainingController;
  graph: Graph;
  /** Graph problems that make training impossible (from the editor's analysis), if known. */
  blocked?: string | null;
}

/** Play / Pause / Step / Reset and the live readouts (written straight into the DOM, not re-rendered). */
export function RunControls({ controller: c, graph, blocked }: Props) {
  const play = useStoreKey(c, () => c.playState());
  const hasRun = useStoreKey(c, () => c.store.active() !== undefined);
  const epochRef = useRef<HTMLSpanElement>(null);
  const totalRef = useRef<HTMLSpanElement>(null);
  const stepRef = useRef<HTMLSpanElement>(null);
  const lossRef = useRef<HTMLSpanElement>(null);
  const valLossRef = useRef<HTMLSpanElement>(null);
  const accRef = useRef<HTMLSpanElement>(null);
  const batchRef = useRef<HTMLSpanElement>(null);
  const stateRef = useRef<HTMLSpanElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const rangeRef = useRef<HTMLSpanElement>(null);
  const extraRef = useRef<HTMLSpanElement>(null);
  const extraRow = useRef<HTMLDivElement>(null);

  useRafDraw(c, () => {
    const run = c.store.active();
    const r = readoutOf(run);
    const set = (el: HTMLElement | null, text: string, value?: number | null) => {
      if (!el) return;
      if (el.textContent !== text) el.textContent = text;
      const v = value === null ? '' : String(value);
      if (value !== undefined && el.dataset.value !== v) el.dataset.value = v;
    };
    set(epochRef.current, String(r.epoch), r.epoch);
    set(totalRef.current, r.totalEpochs === null ? '' : `/ ${r.totalEpochs}`);
    set(stepRef.current, String(r.step), r.step);
    set(lossRef.current, formatMetric(r.loss), r.loss);
    set(valLossRef.current, formatMetric(r.valLoss), r.valLoss);
    set(accRef.current, formatMetric(r.accuracy), r.accuracy);
    set(batchRef.current, formatMetric(r.batchLoss), r.batchLoss);
    set(stateRef.current, run ? run.state : 'no run');
    if (extraRow.current) extraRow.current.hidden = r.extrapolationError === null;
    set(rangeRef.current, formatMetric(r.rangeError), r.rangeError);
    set(extraRef.current, formatMetric(r.extrapolationError), r.extrapolationError);
    const err = run?.error ?? null;
    if (errorRef.current) {
      errorRef.current.hidden = err === null;
      set(errorRef.current, err ?? '');
    }
    // Ten times a second is as fast as a person reads changing numbers; every rewrite of a text node
    // invalidates style and layout for the dock, so at the frame rate (30/s) it was real main-thread time.
  }, READOUT_INTERVAL_MS);

  const running = play === 'running';
  const disabled = blocked != null;
  return (
    <div className="nl-tr-controls">
      <div className="nl-tr-buttons" role="group" aria-label="Training">
        {running ? (
          <button type="button" className="nl-tr-btn primary" data-testid="train-pause" title="Pause (Space)" onClick={() => c.pause()}>❚❚ Pause</button>
        ) : (
          <button type="button" className="nl-tr-btn primary" data-testid="train-start" title={blocked ?? 'Train (Space)'} disabled={disabled} onClick={() => c.play(graph)}>
            ▶ {play === 'paused' ? 'Resume' : 'Train'}
          </button>
        )}
        <button
          type="button"
          className="nl-tr-btn"
          data-testid="train-step"
          title={play === 'finished' ? 'This run has finished: Step starts a new run at step 0 and trains its first batch (.)' : 'Train one batch (.)'}
          disabled={running || disabled}
          onClick={() => c.step(graph)}
        >
          {play === 'finished' ? 'Step (new run)' : 'Step'}
        </button>
        <button type="button" className="nl-tr-btn" data-testid="train-reset" title="Back to epoch 0 (R)" disabled={!hasRun} onClick={() => c.reset(graph)}>↺ Reset</button>
        <button type="button" className="nl-tr-btn" data-testid="train-stop" title="Stop the run" disabled={play !== 'running' && play !== 'paused'} onClick={() => c.stop()}>■</button>
        <PredictButton />
      </div>
      <SpeedControl controller={c} />
      {blocked && <div className="nl-tr-blocked" data-testid="train-blocked">{blocked}</div>}
      <dl className="nl-tr-readouts">
        <div><dt>Epoch</dt><dd><span data-testid="metric-epoch" ref={epochRef}>0</span> <span className="nl-muted" ref={totalRef} /></dd></div>
        <div><dt>Loss</dt><dd data-testid="metric-loss" ref={lossRef}>—</dd></div>
        <div><dt>Accuracy</dt><dd data-testid="metric-accuracy" ref={accRef} title="Validation accuracy of the last epoch">—</dd></div>
        <div><dt>Val loss</dt><dd data-testid="metric-val-loss" ref={valLossRef}>—</dd></div>
        <div><dt>Step</dt><dd data-testid="metric-step" ref={stepRef}>0</dd></div>
        <div><dt>Batch loss</dt><dd data-testid="metric-batch-loss" ref={batchRef}>—</dd></div>
      </dl>
      <div className="nl-tr-extrapolation" ref={extraRow} hidden title="Mean relative error on validation examples (operands in the training range) and on examples with operands beyond it">
        <div><span className="nl-muted">Error in training range</span> <b data-testid="train-range-error" ref={rangeRef}>—</b></div>
        <div><span className="nl-muted">Error beyond it (extrapolation)</span> <b data-testid="extrapolation-error" ref={extraRef}>—</b></div>
      </div>
      <div className="nl-tr-state">Run: <span data-testid="run-state" ref={stateRef}>no run</span></div>
      <div className="nl-tr-error" data-testid="run-error" ref={errorRef} role="alert" hidden />
    </div>
  );
}
