import type { LrSchedule, TrainingConfig } from '../../core/graph/schema';
import { CommitInput } from './CommitInput';

interface Props {
  training: TrainingConfig;
  /** The new schedule; undefined removes the field (a constant rate, as files without one). */
  onChange: (next: LrSchedule | undefined) => void;
}

type Kind = 'constant' | LrSchedule['type'];

const TITLES: Record<Kind, string> = {
  constant: 'The same learning rate at every step',
  step: 'Multiply the learning rate by a factor every few epochs',
  cosine: 'Optionally warm up, then lower the learning rate along a cosine to the end of the run',
};

/**
 * A schedule with sensible numbers when the learner picks its kind: step divides by 10 at a third and
 * two thirds of the run (the classic recipe), cosine starts without warm-up and ends at 0.
 */
export function scheduleOfKind(kind: Kind, training: TrainingConfig): LrSchedule | undefined {
  if (kind === 'constant') return undefined;
  if (kind === 'step') return { type: 'step', everyEpochs: Math.max(1, Math.floor(training.epochs / 3)), gamma: 0.1 };
  return { type: 'cosine' };
}

/**
 * training.schedule in the dock's Training grid: the kind, then that kind's own numbers. Rows of label
 * + control, like the fields around it (it renders inside TrainingSettings' grid).
 */
export function ScheduleSettings({ training, onChange }: Props) {
  const s = training.schedule;
  const kind: Kind = s?.type ?? 'constant';
  const withField = (patch: Record<string, number | undefined>) => {
    const next: Record<string, unknown> = { ...s };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete next[k];
      else next[k] = v;
    }
    onChange(next as LrSchedule);
  };
  return (
    <>
      <label htmlFor="train-schedule" title={TITLES[kind]}>LR schedule</label>
      <select id="train-schedule" data-testid="train-schedule" value={kind} title={TITLES[kind]} onChange={(e) => onChange(scheduleOfKind(e.target.value as Kind, training))}>
        <option value="constant">constant</option>
        <option value="step">step decay</option>
        <option value="cosine">cosine</option>
      </select>
      {s?.type === 'step' && (
        <>
          <label htmlFor="train-schedule-every" title="Lower the rate after every this many epochs">every (epochs)</label>
          <CommitInput id="train-schedule-every" kind="int" min={1} value={s.everyEpochs} onCommit={(v) => withField({ everyEpochs: v as number })} />
          <label htmlFor="train-schedule-gamma" title="The factor applied each time (0.1 divides the rate by 10)">factor</label>
          <CommitInput id="train-schedule-gamma" kind="number" min={1e-9} max={1} value={s.gamma} onCommit={(v) => withField({ gamma: v as number })} />
        </>
      )}
      {s?.type === 'cosine' && (
        <>
          <label htmlFor="train-schedule-warmup" title="Climb linearly from almost 0 to the rate over this many epochs first (fractions allowed); empty: none">warm-up (epochs)</label>
          <CommitInput id="train-schedule-warmup" kind="number" min={0} optional value={s.warmupEpochs ?? ''} onCommit={(v) => withField({ warmupEpochs: v as number | undefined })} />
          <label htmlFor="train-schedule-min-lr" title="The rate at the end of the run; empty: 0">end rate</label>
          <CommitInput id="train-schedule-min-lr" kind="number" min={0} optional value={s.minLr ?? ''} onCommit={(v) => withField({ minLr: v as number | undefined })} />
        </>
      )}
    </>
  );
}
