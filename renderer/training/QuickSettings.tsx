import type { TrainingConfig } from '../../core/graph/schema';
import { CommitInput } from './CommitInput';

interface Props {
  training: TrainingConfig;
  onChange: (next: TrainingConfig) => void;
}

const OPTIMIZERS = ['sgd', 'rmsprop', 'adam', 'adamw'] as const;

/**
 * The three settings a learner changes most — optimizer, learning rate, epochs — in the dock's header,
 * so they are in sight at any dock height (at 1280×720 the dock's columns are only ~130 px tall).
 * The labels carry the older `training-*` automation ids of the Graph tab's copies, which are gone:
 * Playwright's fill/selectOption on a label act on its control.
 */
export function QuickSettings({ training, onChange }: Props) {
  return (
    <div className="nl-tr-quick" role="group" aria-label="Training settings">
      <label htmlFor="tr-optimizer" data-testid="training-optimizer">Optimizer</label>
      <select
        id="tr-optimizer"
        data-testid="train-optimizer"
        value={training.optimizer.type}
        // Only the learning rate carries over: momentum, betas… belong to the old optimizer.
        onChange={(e) => onChange({ ...training, optimizer: { type: e.target.value as TrainingConfig['optimizer']['type'], lr: training.optimizer.lr } })}
      >
        {OPTIMIZERS.map((o) => <option key={o} value={o}>{o}</option>)}
      </select>
      <label htmlFor="train-lr" data-testid="training-lr" title="Learning rate: how big each step is">LR</label>
      <CommitInput id="train-lr" kind="number" min={1e-9} value={training.optimizer.lr} title="Learning rate: how big each step is" onCommit={(v) => onChange({ ...training, optimizer: { ...training.optimizer, lr: v as number } })} />
      <label htmlFor="train-epochs" data-testid="training-epochs" title="Passes over the training data">Epochs</label>
      <CommitInput id="train-epochs" kind="int" min={1} max={1_000_000} value={training.epochs} title="Passes over the training data" onCommit={(v) => onChange({ ...training, epochs: v as number })} />
    </div>
  );
}
