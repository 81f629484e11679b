/**
 * Undo history over immutable snapshots. One user gesture is one entry: edits made while a gesture
 * is open (a drag, typing a name) replace the present without growing the past, and closing the
 * gesture records a single entry from the state before it began.
 */
export interface History<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
  /** The state when the open gesture began; null when no gesture is open. */
  readonly gestureBase: T | null;
}

export const HISTORY_LIMIT = 200;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], gestureBase: null };
}

/** A complete edit: one undo entry (folded into the open gesture, if any). */
export function record<T>(h: History<T>, next: T): History<T> {
  if (next === h.present) return h;
  if (h.gestureBase !== null) return { ...h, present: next };
  return { past: trim([...h.past, h.present]), present: next, future: [], gestureBase: null };
}

export function beginGesture<T>(h: History<T>): History<T> {
  return h.gestureBase !== null ? h : { ...h, gestureBase: h.present };
}

/** Close the gesture: one entry if anything changed, nothing otherwise. */
export function endGesture<T>(h: History<T>): History<T> {
  const base = h.gestureBase;
  if (base === null) return h;
  if (base === h.present) return { ...h, gestureBase: null };
  return { past: trim([...h.past, base]), present: h.present, future: [], gestureBase: null };
}

export function canUndo<T>(h: History<T>): boolean {
  return h.past.length > 0 || (h.gestureBase !== null && h.gestureBase !== h.present);
}

export function canRedo<T>(h: History<T>): boolean {
  return h.future.length > 0;
}

export function undo<T>(h: History<T>): History<T> {
  const settled = endGesture(h);
  if (settled.past.length === 0) return settled;
  const prev = settled.past[settled.past.length - 1]!;
  return { past: settled.past.slice(0, -1), present: prev, future: [settled.present, ...settled.future], gestureBase: null };
}

export function redo<T>(h: History<T>): History<T> {
  const settled = endGesture(h);
  if (settled.future.length === 0) return settled;
  const [next, ...rest] = settled.future;
  return { past: trim([...settled.past, settled.present]), present: next!, future: rest, gestureBase: null };
}

function trim<T>(past: T[]): T[] {
  return past.length > HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT) : past;
}
