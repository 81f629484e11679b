import { useCallback, useEffect, useSyncExternalStore, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import type { TrainingController } from '../training/controller';
import { useStoreKey } from '../training/hooks';
import { traceStoreFor } from './trace-store';

/** The validation row of the grid picture an event happened on (the grid writes it as `data-row`). */
function rowOf(target: EventTarget | null): number | null {
  const item = (target as HTMLElement | null)?.closest?.<HTMLElement>('.nl-tr-example');
  const row = item?.dataset.row;
  return row === undefined ? null : Number(row);
}

/**
 * The validation grid's hook into the step-through: on a paused run a picture is a button that traces
 * its validation row (labelled "validation row N" in the panel, since the row field counts training
 * rows). One handler on the grid serves every picture, as the grid draws them outside React.
 */
export function usePickValidationRow(c: TrainingController, grid: RefObject<HTMLElement | null>) {
  const t = traceStoreFor(c);
  const paused = useStoreKey(c, () => c.playState() === 'paused');
  const traced = useSyncExternalStore(t.subscribe, () => (t.get().result?.split === 'validation' ? t.get().result!.example : null));
  // Outline the traced picture; the grid calls `mark` again after it redraws (pictures move).
  const mark = useCallback(() => {
    grid.current?.querySelectorAll<HTMLElement>('.nl-tr-example').forEach((el) => {
      el.classList.toggle('traced', traced !== null && el.dataset.row === String(traced));
    });
  }, [grid, traced]);
  useEffect(mark, [mark]);
  const pick = (target: EventTarget | null) => {
    const row = rowOf(target);
    if (row !== null) t.pick(row, 'validation');
  };
  if (!paused) return { mark, hint: null, gridProps: {}, itemProps: {} };
  return {
    mark,
    hint: ' — click one to trace it',
    gridProps: {
      onClick: (e: MouseEvent) => pick(e.target),
      onKeyDown: (e: KeyboardEvent) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        pick(e.target);
      },
      'data-traced-row': traced ?? undefined,
    },
    itemProps: { role: 'button', tabIndex: 0, 'data-testid': 'trace-pick-validation' },
  };
}
