import type { Size } from '../state/flow-convert';

/**
 * Node sizes as the canvas last measured them, for the auto-layout (so wide nodes get room).
 * Written by the canvas, read by the Layout command; stale entries for deleted nodes are harmless.
 */
export const measuredSizes = new Map<string, Size>();
