import type { CheckResult } from '../../core/lessons';

const MARK = { pass: '✓', fail: '✗', pending: '…' } as const;

/** The live success check: each part with its state and the run's current number. */
export function LessonCheck({ result, hasRun, minEpochs }: { result: CheckResult; hasRun: boolean; minEpochs: number }) {
  const title = result.state === 'pass' ? 'Check passed' : hasRun ? 'Check not passed yet' : 'Check (runs when you train)';
  return (
    <section className={`nl-lesson-box check ${result.state}`} data-testid="lesson-check" data-passed={result.state === 'pass'} data-state={result.state} aria-live="polite">
      <h4>{MARK[result.state]} {title}</h4>
      <ul>
        {result.items.map((item, i) => (
          <li key={i} className={item.state} data-testid="lesson-check-item" data-state={item.state} style={{ paddingLeft: `${item.depth * 14}px` }}>
            <span className="nl-lesson-mark" aria-label={item.state}>{MARK[item.state]}</span> {item.label}
            {item.actual !== undefined && <span className="nl-muted"> (now {formatActual(item.actual)})</span>}
          </li>
        ))}
      </ul>
      {minEpochs > 1 && <p className="nl-muted">Counts after {minEpochs} epochs.</p>}
    </section>
  );
}

function formatActual(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 0.001 || v === 0 ? String(Number(v.toPrecision(3))) : v.toExponential(1);
}
