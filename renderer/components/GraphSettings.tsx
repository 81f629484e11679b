import { useEffect, useState } from 'react';
import { DATASETS } from '../../core/datasets';
import { setPanel } from '../app/panels';
import { useDoc, useServices } from '../app/context';

/**
 * The graph's name, and where its training is set up. Dataset, optimizer and the training numbers live
 * in one place only, the Training dock, where a learner trains; here a one-line summary and a button
 * that opens the dock at those settings.
 */
export function GraphSettings() {
  const { store } = useServices();
  const name = useDoc((s) => s.graph.name);
  const t = useDoc((s) => s.graph.training);
  const dataset = DATASETS[t.dataset.name]?.title ?? t.dataset.name;
  return (
    <div className="nl-graph-settings">
      <h2>Graph</h2>
      <NameField value={name} onCommit={(name) => store.edit((g) => ({ ...g, name }))} />
      <h2>Training</h2>
      <p className="nl-muted" data-testid="graph-training-summary">
        {dataset} · {t.optimizer.type}, learning rate {t.optimizer.lr}{t.schedule && t.schedule.type !== 'constant' ? ` (${t.schedule.type} schedule)` : ''} · {t.epochs} epochs, batch {t.batchSize}
      </p>
      <p className="nl-muted">The dataset and training settings are in the Training dock below the canvas.</p>
      <button type="button" className="nl-link-button" data-testid="graph-open-training" onClick={showTrainingSettings}>
        Show training settings
      </button>
    </div>
  );
}

/** Open the dock (it may be folded away) and put the keyboard on its first setting. */
function showTrainingSettings(): void {
  setPanel('dock', true);
  // The dock renders its settings once it is open: focus on the next frame.
  requestAnimationFrame(() => document.getElementById('tr-optimizer')?.focus());
}

function NameField({ value, onCommit }: { value: string; onCommit: (v: string) => void }) {
  return (
    <div className="nl-field">
      <label htmlFor="graph-name"><span className="nl-field-name">name</span></label>
      <TextCommit id="graph-name" testId="graph-name" value={value} onCommit={(v) => v.trim() && onCommit(v.trim())} />
    </div>
  );
}

/** A text box applied on Enter or blur: one undo entry per edit, not per keystroke. */
function TextCommit({ value, onCommit, testId, id }: { value: string; onCommit: (v: string) => void; testId: string; id?: string }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = () => text !== value && onCommit(text);
  return (
    <input
      id={id}
      data-testid={testId}
      type="text"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}
