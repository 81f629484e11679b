import type { RunData } from './run-store';

export interface Readout {
  epoch: number;
  totalEpochs: number | null;
  step: number;
  /** Train loss of the last finished epoch, or the latest batch loss before the first epoch ends. */
  loss: number | null;
  /** Validation accuracy of the last epoch (classification only). */
  accuracy: number | null;
  valLoss: number | null;
  batchLoss: number | null;
  /**
   * Arithmetic datasets: mean relative error on validation (operands in the training range) and on
   * the extrapolation split (operands beyond it), side by side — the NALU lesson. Null otherwise.
   */
  rangeError: number | null;
  extrapolationError: number | null;
}

export const EMPTY_READOUT: Readout = { epoch: 0, totalEpochs: null, step: 0, loss: null, accuracy: null, valLoss: null, batchLoss: null, rangeError: null, extrapolationError: null };

/** The numbers the panel shows for a run; cheap, called once per animation frame at most. */
export function readoutOf(run: RunData | undefined): Readout {
  if (!run) return EMPTY_READOUT;
  const last = run.epochEvents[run.epochEvents.length - 1];
  const batchLoss = run.batch.last() ?? null;
  const acc = last?.validation.accuracy ?? last?.train.accuracy;
  return {
    epoch: run.epoch,
    totalEpochs: run.info?.epochs ?? run.meta.options.epochs ?? run.meta.graph.training.epochs,
    step: run.step,
    loss: last ? last.train.loss : batchLoss,
    accuracy: acc ?? null,
    valLoss: last ? last.validation.loss : null,
    batchLoss,
    ...extrapolationOf(last),
  };
}

/** Train-range and extrapolation-range error of one epoch summary (mean relative error, else loss). */
export function extrapolationOf(e: { validation: { loss: number; mre?: number }; extrapolation?: { loss: number; mre?: number } } | undefined): Pick<Readout, 'rangeError' | 'extrapolationError'> {
  if (!e?.extrapolation) return { rangeError: null, extrapolationError: null };
  return { rangeError: e.validation.mre ?? e.validation.loss, extrapolationError: e.extrapolation.mre ?? e.extrapolation.loss };
}

/** Plain text a person (and a test) can read: 4 significant digits, "—" when unknown. */
export function formatMetric(v: number | null): string {
  if (v === null || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential(2);
  return Number(v.toPrecision(4)).toString();
}
