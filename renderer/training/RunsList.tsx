import type { TrainingController } from './controller';
import { useStoreKey, useThrottledStore } from './hooks';
import { extrapolationOf, formatMetric } from './readouts';
import { runColour } from './charts/palette';
import { isFinished } from './run-store';

/** How often the list's numbers (epoch, loss, accuracy) follow a running run. */
const NUMBERS_MS = 400;

/**
 * Every run with its state and latest numbers. Re-rendered at once when a run starts, ends or changes
 * state, and with new numbers at most a few times a second: at every frame (30 a second on a fast run)
 * a React render of the list was a main-thread cost of its own. Click a run to show it in the charts;
 * tick it to overlay it in the compare view.
 */
export function RunsList({ controller: c }: { controller: TrainingController }) {
  // Text keys of what the list shows: React renders only when one differs.
  useStoreKey(c, () => c.store.list().map((r) => `${r.meta.id}|${r.meta.name}|${r.state}|${r.firstLoss ?? ''}`).join('\n') + `#${c.store.activeId}#${c.store.compareIds().join(',')}`);
  // A string (equal while nothing changed) re-read at most every NUMBERS_MS.
  useThrottledStore(c, () => c.store.list().map((r) => `${r.epoch}|${r.epochEvents.length}`).join(','), NUMBERS_MS);
  const runs = c.store.list();
  const compare = c.store.compareIds();
  if (runs.length === 0) return <ul className="nl-tr-runs" data-testid="runs-list"><li className="nl-tr-empty static">No runs yet</li></ul>;
  return (
    <ul className="nl-tr-runs" data-testid="runs-list">
      {[...runs].reverse().map((r) => {
        const last = r.epochEvents[r.epochEvents.length - 1];
        const ex = extrapolationOf(last);
        const ci = compare.indexOf(r.meta.id);
        const active = r.meta.id === c.store.activeId;
        const live = !r.detached && !isFinished(r.state);
        return (
          <li
            key={r.meta.id}
            className={`nl-tr-run${active ? ' active' : ''}`}
            data-testid="run-item"
            data-run-id={r.meta.id}
            data-state={r.state}
            data-first-loss={r.firstLoss ?? ''}
          >
            <input
              type="checkbox"
              data-testid="run-compare"
              title="Overlay in the compare view"
              aria-label={`Compare ${r.meta.name}`}
              checked={ci >= 0}
              onChange={() => c.store.toggleCompare(r.meta.id)}
            />
            <i className="nl-tr-swatch" style={{ background: ci >= 0 ? runColour(ci) : 'transparent' }} />
            <button type="button" className="nl-tr-run-name" title={`${r.meta.name} — started ${new Date(r.meta.startedAt).toLocaleTimeString()}`} onClick={() => c.store.setActive(r.meta.id)}>
              {r.meta.name}
            </button>
            <span className={`nl-tr-run-state s-${r.state}`}>{r.detached && !isFinished(r.state) ? 'saved' : r.state}</span>
            <span className="nl-tr-run-metric" title="epoch · validation loss · validation accuracy">
              {r.epoch} · {formatMetric(last?.validation.loss ?? null)}{last?.validation.accuracy !== undefined ? ` · ${formatMetric(last.validation.accuracy)}` : ''}
            </span>
            {ex.extrapolationError !== null && (
              <span className="nl-tr-run-extra" data-testid="run-extrapolation" data-value={ex.extrapolationError} title="Error in the training range → error beyond it (extrapolation)">
                err {formatMetric(ex.rangeError)} → {formatMetric(ex.extrapolationError)}
              </span>
            )}
            {live ? (
              <button type="button" className="nl-tr-icon" title="Stop this run" aria-label="Stop" onClick={() => c.stop(r.meta.id)}>■</button>
            ) : (
              <button type="button" className="nl-tr-icon" title="Remove from the list" aria-label="Remove" onClick={() => c.store.remove(r.meta.id)}>×</button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

