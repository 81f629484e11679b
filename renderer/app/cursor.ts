import type { XY } from '../state/graph-edit';

/**
 * Where the pointer last was over the canvas, in flow coordinates: Paste puts the copy there. A plain
 * mutable cell, not state — nothing re-renders when the mouse moves.
 */
export const canvasCursor: { flow: XY | null } = { flow: null };
