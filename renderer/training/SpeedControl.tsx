import type { TrainingController } from './controller';
import { useStoreKey } from './hooks';

/** Speeds a teacher can pick: as fast as possible, or slow enough to watch every batch. */
export const SPEEDS: readonly { value: number | null; label: string }[] = [
  { value: null, label: 'as fast as possible' },
  { value: 1000, label: '1000 steps/s' },
  { value: 200, label: '200 steps/s' },
  { value: 50, label: '50 steps/s' },
  { value: 10, label: '10 steps/s' },
  { value: 3, label: '3 steps/s' },
  { value: 1, label: '1 step/s' },
];

/**
 * How fast runs train. Changing it applies to the running run at once (the worker throttles its own
 * loop, so read-outs and charts follow at the same pace) and to every run started afterwards.
 */
export function SpeedControl({ controller: c }: { controller: TrainingController }) {
  const speed = useStoreKey(c, () => c.speed);
  return (
    <label className="nl-tr-speed">
      <span>Speed</span>
      <select
        data-testid="speed-control"
        value={speed === null ? 'max' : String(speed)}
        onChange={(e) => c.setSpeed(e.target.value === 'max' ? null : Number(e.target.value))}
      >
        {SPEEDS.map((s) => <option key={s.label} value={s.value === null ? 'max' : String(s.value)}>{s.label}</option>)}
      </select>
    </label>
  );
}
