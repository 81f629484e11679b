import type uPlot from 'uplot';

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
    ...over,
  };
}

export function line(label: string, stroke: string, over: Partial<uPlot.Series> = {}): uPlot.Series {
  return { label, stroke, width: 1.5, points: { show: false }, spanGaps: true, ...over };
}
