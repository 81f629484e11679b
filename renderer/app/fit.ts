/**
 * How the view frames a graph. Never below the zoom at which node titles still read (about 10 px
 * text): a graph too big for the canvas at that zoom is shown from its centre, and the rest is a pan
 * away, rather than shrunk to unreadable boxes.
 */
export const READABLE_ZOOM = 0.7;
export const FIT_OPTIONS = { padding: 0.08, minZoom: READABLE_ZOOM, maxZoom: 1.2 } as const;

/** Below this canvas size the minimap would cover too much of the graph: it hides itself. */
export const MINIMAP_MIN_CANVAS = { width: 640, height: 320 } as const;
