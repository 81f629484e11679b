import type { RunData } from '../run-store';

/**
 * Why a chart has nothing to draw yet, in words a learner understands. Shared by the charts so they
 * agree on the run's situation (no run, starting, reset, failed, not yet an epoch).
 */
export function runSituation(run: RunData | undefined): string | null {
  if (!run) return 'No run on this graph yet: press Train (or Step for one batch).';
  if (run.error) return 'The run failed before there was anything to draw (see the error on the left).';
  if (run.state === 'starting') return 'Starting the run…';
  if (run.state === 'ready' && run.step === 0) return 'Back at step 0: press Train or Step to start again.';
  return null;
}

export function lossEmpty(run: RunData | undefined): string {
  return runSituation(run) ?? 'The loss appears after the first batch.';
}

export function gradientEmpty(run: RunData | undefined): string {
  const s = runSituation(run);
  if (s) return s;
  if (run?.layerStats && run.grads.size === 0) return 'No layer of this graph has trainable parameters, so there is no gradient to show.';
  return 'Gradient norms appear at the end of the first epoch.';
}

/**
 * The layers whose gradient is exactly zero in the latest sample: nothing reaches their weights
 * (a step activation, dead ReLUs, a detached branch). The chart draws them on its floor line.
 */
export function zeroGradientNote(run: RunData | undefined): string | null {
  if (!run) return null;
  const zero = [...run.grads.entries()].filter(([, s]) => s.length > 0 && s.last() === 0).map(([id]) => id);
  if (zero.length === 0) return null;
  const title = (id: string) => run.meta.graph.nodes.find((n) => n.id === id)?.label ?? id;
  return `${zero.map(title).join(', ')}: no gradient flows here (norm 0, drawn on the bottom line). ` +
    'Nothing reaches these weights, so they do not learn — e.g. a step activation has slope 0 everywhere, or every ReLU is dead.';
}
