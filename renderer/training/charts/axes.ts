import type uPlot from 'uplot';

/**
 * Least room between two tick labels, in CSS pixels: along x (axis 0) and up y. Every label is a
 * `fillText` on every redraw, and on a software-rasterised canvas the labels cost more than the
 * curves; uPlot's defaults (50 and 30 px) put ~14 labels on a dock-wide x axis and one every 30 px
 * up each y axis, more than anyone reads while a run streams.
 */
export const X_TICK_SPACE = 90;
export const Y_TICK_SPACE = 40;

/** uPlot's `space` for an axis: x (index 0) spreads its labels wider than the y axes. */
export function tickSpace(axisIndex: number): number {
  return axisIndex === 0 ? X_TICK_SPACE : Y_TICK_SPACE;
}

/** Quiet axes that match the app's text colours. */
export function axis(over: Partial<uPlot.Axis> = {}): uPlot.Axis {
  return {
    stroke: '#475569',
    grid: { stroke: '#e2e8f0', width: 1 },
    ticks: { stroke: '#cbd5e1', width: 1, size: 4 },
    font: '11px system-ui, sans-serif',
    labelFont: '11px system-ui, sans-serif',
    size: 36,
    gap: 3,
    space: (_u, axisIndex) => tickSpace(axisIndex),
    ...over,
  };
}

export function line(label: string, stroke: string, over: Partial<uPlot.Series> = {}): uPlot.Series {
  return { label, stroke, width: 1.5, points: { show: false }, spanGaps: true, ...over };
}
