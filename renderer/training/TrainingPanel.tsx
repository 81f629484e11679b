import { useRef, useState, useSyncExternalStore } from 'react';
import { panels, togglePanel } from '../app/panels';
import type { Graph, TrainingConfig } from '../../core/graph/schema';
import type { HostBridge } from '../../core/protocol/host';
import { AttentionView } from './charts/AttentionView';
import { FeatureMapsView } from './charts/FeatureMapsView';
import { CompareView } from './charts/CompareView';
import { DecisionChart } from './charts/DecisionChart';
import { ExamplesGrid } from './charts/ExamplesGrid';
import { GradientChart } from './charts/GradientChart';
import { LayersView } from './charts/LayersView';
import { HiddenStateView } from './charts/HiddenStateView';
import { LossChart } from './charts/LossChart';
import { ValidationView } from './charts/ValidationView';
import type { TrainingController } from './controller';
import { RunControls } from './RunControls';
import { openRunsText, readSavedRuns, saveRuns } from './runs-file';
import { RunsList } from './RunsList';
import { useTrainingShortcuts } from './shortcuts';
import { SnapshotPrompt } from './SnapshotPrompt';
import { QuickSettings } from './QuickSettings';
import { TrainingSettings } from './TrainingSettings';
import { VariantsForm } from './VariantsForm';
import { WeightsButtons } from './WeightsButtons';
import './training.css';

export interface TrainingPanelProps {
  controller: TrainingController;
  bridge: HostBridge;
  /** The graph on the canvas now; Play trains a snapshot of it. */
  graph: Graph;
  /** The open file, to save the run history next to it. */
  file: { name: string; path?: string };
  /** Apply a new `training` block to the graph (the editor makes it one undo step). */
  onTrainingChange: (next: TrainingConfig) => void;
  /** Why the graph cannot train now (first graph problem), or null. */
  blocked?: string | null;
}

const TABS = [
  ['live', 'Live'], ['layers', 'Layers'], ['validation', 'Validation'], ['attention', 'Attention'], ['compare', 'Compare'],
] as const;
type Tab = (typeof TABS)[number][0];

/**
 * The Training dock: settings and controls on the left, live charts in the middle, the run history on
 * the right. Renders on structure changes only; numbers and charts update imperatively.
 */
export function TrainingPanel({ controller: c, bridge, graph, file, onTrainingChange, blocked = null }: TrainingPanelProps) {
  // Open/closed is the dock panel's state (remembered; the toolbar's Training toggle does the same).
  const open = useSyncExternalStore(panels.subscribe, () => panels.get().dock);
  const setOpen = (next: boolean) => next !== open && togglePanel('dock');
  const [tab, setTab] = useState<Tab>('live');
  const [message, setMessage] = useState<string | null>(null);
  const runsInput = useRef<HTMLInputElement>(null);
  useTrainingShortcuts(c, graph, open, blocked);

  const say = (p: Promise<string> | string) => void Promise.resolve(p).then(setMessage, (e: Error) => setMessage(e.message));
  return (
    <section className={`nl-training${open ? '' : ' closed'}`} data-testid="training-panel" aria-label="Training">
      <header className="nl-tr-head">
        <button type="button" className="nl-tr-toggle" aria-expanded={open} data-testid="training-toggle" onClick={() => setOpen(!open)}>
          {open ? '▾' : '▸'} Training
        </button>
        {open && (
          <nav className="nl-tr-tabs" role="tablist">
            {TABS.map(([id, label]) => (
              <button key={id} type="button" role="tab" aria-selected={tab === id} data-testid={`training-tab-${id}`} onClick={() => setTab(id)}>{label}</button>
            ))}
          </nav>
        )}
        {open && <QuickSettings training={graph.training} onChange={onTrainingChange} />}
        <span className="nl-tr-keys nl-muted">Space play/pause · . step · R reset</span>
      </header>
      {open && (
        <div className="nl-tr-body">
          <div className="nl-tr-col nl-tr-left">
            <RunControls controller={c} graph={graph} blocked={blocked} />
            <SnapshotPrompt controller={c} graph={graph} />
            <TrainingSettings controller={c} training={graph.training} onChange={onTrainingChange} />
          </div>
          <div className="nl-tr-center" role="tabpanel">
            {tab === 'live' && (
              <div className="nl-tr-live">
                <LossChart controller={c} />
                <DecisionChart controller={c} />
                <GradientChart controller={c} />
              </div>
            )}
            {tab === 'layers' && <LayersView controller={c} />}
            {tab === 'layers' && <FeatureMapsView controller={c} />}
            {tab === 'layers' && <HiddenStateView controller={c} />}
            {tab === 'validation' && <div className="nl-tr-validation"><ValidationView controller={c} /><ExamplesGrid controller={c} /></div>}
            {tab === 'attention' && <AttentionView controller={c} />}
            {tab === 'compare' && <CompareView controller={c} />}
          </div>
          <div className="nl-tr-col nl-tr-right">
            <h4>Runs</h4>
            <RunsList controller={c} />
            <div className="nl-tr-inline">
              <button type="button" className="nl-tr-btn" data-testid="runs-save" onClick={() => say(saveRuns(c, bridge, file))}>Save runs</button>
              <button
                type="button"
                className="nl-tr-btn"
                data-testid="runs-open"
                onClick={() => (bridge.readRuns && file.path !== undefined ? say(readSavedRuns(c, bridge, file.path)) : runsInput.current?.click())}
              >
                Open runs…
              </button>
              <input
                ref={runsInput}
                type="file"
                accept=".json,application/json"
                hidden
                data-testid="runs-file"
                onChange={async (e) => {
                  const f = e.target.files?.[0];
                  e.target.value = '';
                  if (f) say(openRunsText(c, await f.text()));
                }}
              />
            </div>
            <WeightsButtons controller={c} bridge={bridge} graph={graph} say={say} />
            {message && <p className="nl-tr-help" data-testid="runs-message" role="status">{message}</p>}
            <h4>Variants side by side</h4>
            <VariantsForm controller={c} graph={graph} blocked={blocked} onStarted={() => setTab('compare')} />
          </div>
        </div>
      )}
    </section>
  );
}
