import { describe, expect, it } from 'vitest';
import { nextSpinBudget } from '../../../core/engine/data-parallel';

// The polling budget of a data-parallel wait: long enough to catch the other side's serial part on a
// quiet machine, back to the short poll when waits are long (a loaded machine, a paused run).
describe('data-parallel polling budget', () => {
  it('polls twice the last wait, within 0.2 ms and 2 ms', () => {
    expect(nextSpinBudget(0.4)).toBeCloseTo(0.8, 12);
    expect(nextSpinBudget(0.01)).toBe(0.2);
    expect(nextSpinBudget(1.5)).toBe(2);
  });

  it('falls back to the short poll after a wait longer than 2 ms', () => {
    expect(nextSpinBudget(2.5)).toBe(0.2);
    expect(nextSpinBudget(60_000)).toBe(0.2);
    expect(nextSpinBudget(NaN)).toBe(0.2);
  });
});
