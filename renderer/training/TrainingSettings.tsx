import type { TrainingConfig } from '../../core/graph/schema';
import { CommitInput } from './CommitInput';
import { DatasetPicker } from './DatasetPicker';
import { ScheduleSettings } from './ScheduleSettings';
import type { TrainingController } from './controller';

interface Props {
  controller: TrainingController;
  training: TrainingConfig;
  /** Replace the graph's `training` block (one undo step in the editor). */
  onChange: (next: TrainingConfig) => void;
}

/**
 * The dataset and the remaining training numbers, in the dock's left column: with the dock header's
 * QuickSettings (optimizer, learning rate, epochs) this is the one place training is set up. All of it
 * is stored in the graph's `training` block. Labels carry the Graph tab's former `training-*` ids.
 */
export function TrainingSettings({ controller, training, onChange }: Props) {
  const set = <K extends keyof TrainingConfig>(key: K, v: TrainingConfig[K] | undefined) => {
    const next = { ...training };
    if (v === undefined) delete next[key];
    else next[key] = v;
    onChange(next);
  };
  return (
    <div className="nl-tr-settings">
      <DatasetPicker controller={controller} dataset={training.dataset} onChange={(d) => set('dataset', d)} />
      <h4>Training</h4>
      <div className="nl-tr-grid">
        <label htmlFor="train-batch" data-testid="training-batchSize" title="Examples per weight update">Batch size</label>
        <CommitInput id="train-batch" kind="int" min={1} max={65536} value={training.batchSize} onCommit={(v) => set('batchSize', v as number)} />
        <label htmlFor="train-l1" title="L1 penalty on weights: pushes weights to exactly 0">L1</label>
        <CommitInput id="train-l1" kind="number" min={0} optional value={training.l1 ?? ''} onCommit={(v) => set('l1', v as number | undefined)} />
        <label htmlFor="train-l2" title="L2 penalty on weights: keeps them small">L2</label>
        <CommitInput id="train-l2" kind="number" min={0} optional value={training.l2 ?? ''} onCommit={(v) => set('l2', v as number | undefined)} />
        <label htmlFor="train-seed" data-testid="training-seed" title="Same seed, same data and initial weights: runs can be repeated exactly">Seed</label>
        <CommitInput id="train-seed" kind="int" value={training.seed} onCommit={(v) => set('seed', v as number)} />
        <ScheduleSettings training={training} onChange={(v) => set('schedule', v)} />
      </div>
    </div>
  );
}
