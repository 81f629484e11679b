import { useMemo, useRef, useState } from 'react';
import { ACTIVATION_LIST, ACTIVATIONS } from '../../core/catalog/activations';
import { ACTIVATION_PROPERTIES } from '../../core/catalog/activations/properties';
import type { ParamValues } from '../../core/catalog/types';
import { useValue } from '../app/context';
import { lessonUi } from '../lessons/lesson-ui';
import { paramsFor, readAt, sampleCurves, X_RANGE, xAtPixel, yRangeOf } from './sampling';
import { PropertiesTable } from './PropertiesTable';
import './explorer.css';

const W = 640;
const H = 380;
const PAD = 10;
const COLOURS = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed', '#db2777', '#0891b2', '#4b5563'];

/**
 * Help ▸ Activation explorer: pick activations to overlay, adjust their params, hover the plot for
 * exact f and f′ values, and compare their properties in a table built from the catalog.
 */
export function ExplorerView() {
  const open = useValue(lessonUi, (u) => u.explorer);
  if (!open) return null;
  return <Explorer close={() => lessonUi.set((u) => ({ ...u, explorer: false }))} />;
}

function Explorer({ close }: { close: () => void }) {
  const [chosen, setChosen] = useState<string[]>(['relu', 'sigmoid']);
  const [overrides, setOverrides] = useState<Record<string, ParamValues>>({});
  const [hoverX, setHoverX] = useState<number | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  const curves = useMemo(
    () => chosen.map((fn) => sampleCurves(ACTIVATIONS[fn]!, paramsFor(fn, overrides[fn]), X_RANGE[0], X_RANGE[1], 241)),
    [chosen, overrides],
  );
  const [yLo, yHi] = yRangeOf(curves);
  const sx = (x: number) => PAD + ((x - X_RANGE[0]) / (X_RANGE[1] - X_RANGE[0])) * (W - 2 * PAD);
  const sy = (y: number) => PAD + ((yHi - Math.max(yLo, Math.min(yHi, y))) / (yHi - yLo)) * (H - 2 * PAD);
  const path = (xs: number[], ys: number[]) => ys.map((y, i) => `${i === 0 ? 'M' : 'L'}${sx(xs[i]!).toFixed(1)},${sy(y).toFixed(1)}`).join('');
  const toggle = (fn: string) => setChosen((c) => (c.includes(fn) ? c.filter((x) => x !== fn) : [...c, fn]));
  const colour = (fn: string) => COLOURS[chosen.indexOf(fn) % COLOURS.length]!;
  const onMove = (e: React.PointerEvent<SVGSVGElement>) => {
    // Through the SVG's own transform, so letterboxing (the plot keeps its aspect ratio) cannot skew x.
    const el = svg.current!;
    const m = el.getScreenCTM();
    if (!m) return;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse());
    setHoverX(Number(xAtPixel(p.x - PAD, W - 2 * PAD).toFixed(3)));
  };
  return (
    <div className="nl-backdrop">
      <div className="nl-modal nl-explorer" role="dialog" aria-modal="true" aria-labelledby="nl-explorer-title" data-testid="explorer-view">
        <header className="nl-explorer-head">
          <h2 id="nl-explorer-title">Activation explorer</h2>
          <button type="button" className="nl-btn" data-testid="explorer-close" onClick={close}>Close</button>
        </header>
        <div className="nl-explorer-body">
          <fieldset className="nl-explorer-fns">
            <legend>Functions (pick several to overlay)</legend>
            {ACTIVATION_LIST.map((a) => (
              <label key={a.fn} className="nl-explorer-fn">
                <input type="checkbox" data-testid={`explorer-fn-${a.fn}`} checked={chosen.includes(a.fn)} onChange={() => toggle(a.fn)} />
                <span className="nl-explorer-swatch" style={{ background: chosen.includes(a.fn) ? colour(a.fn) : 'transparent' }} />
                {a.title}
              </label>
            ))}
          </fieldset>
          <div className="nl-explorer-main">
            <svg
              ref={svg} viewBox={`0 0 ${W} ${H}`} className="nl-explorer-plot" data-testid="explorer-plot" role="img"
              aria-label={`f and f′ of ${chosen.join(', ') || 'no function'} on −5 to 5`}
              onPointerMove={onMove} onPointerLeave={() => setHoverX(null)}
            >
              <rect x="0" y="0" width={W} height={H} className="nl-plot-bg" />
              {yLo < 0 && yHi > 0 && <line x1={PAD} x2={W - PAD} y1={sy(0)} y2={sy(0)} className="nl-plot-axis" />}
              <line x1={sx(0)} x2={sx(0)} y1={PAD} y2={H - PAD} className="nl-plot-axis" />
              {curves.map((c) => (
                <g key={c.fn} data-fn={c.fn}>
                  <path d={path(c.xs, c.df)} fill="none" stroke={colour(c.fn)} strokeWidth="1.5" strokeDasharray="5 4" />
                  <path d={path(c.xs, c.f)} fill="none" stroke={colour(c.fn)} strokeWidth="2.2" />
                </g>
              ))}
              {hoverX !== null && <line x1={sx(hoverX)} x2={sx(hoverX)} y1={PAD} y2={H - PAD} className="nl-explorer-cursor" />}
            </svg>
            <p className="nl-muted nl-explorer-legend">Solid: f(x). Dashed: the slope f′(x). x from −5 to 5, y from {yLo.toFixed(1)} to {yHi.toFixed(1)}. Hover the plot to read exact values.</p>
            <table className="nl-explorer-readout" data-testid="explorer-readout" data-x={hoverX ?? ''}>
              <thead><tr><th>function</th><th>params</th><th>f({hoverX ?? 'x'})</th><th>f′({hoverX ?? 'x'})</th></tr></thead>
              <tbody>
                {chosen.map((fn) => {
                  const act = ACTIVATIONS[fn]!;
                  const params = paramsFor(fn, overrides[fn]);
                  const v = hoverX === null ? null : readAt(fn, params, hoverX);
                  return (
                    <tr key={fn} data-testid={`explorer-value-${fn}`} data-x={v?.x ?? ''} data-f={v?.f ?? ''} data-df={v?.df ?? ''}>
                      <th scope="row"><span className="nl-explorer-swatch" style={{ background: colour(fn) }} /> {act.title}</th>
                      <td>
                        {Object.entries(act.params).map(([name, spec]) => spec.kind === 'number' && (
                          <label key={name} className="nl-explorer-param">{name}{' '}
                            <input
                              type="number" step="0.01" data-testid={`explorer-param-${fn}-${name}`}
                              min={spec.min} max={spec.max} value={String(params[name])}
                              onChange={(e) => {
                                const n = Number(e.target.value);
                                if (e.target.value !== '' && Number.isFinite(n)) setOverrides((o) => ({ ...o, [fn]: { ...o[fn], [name]: n } }));
                              }}
                            />
                          </label>
                        ))}
                        {Object.keys(act.params).length === 0 && <span className="nl-muted">none</span>}
                      </td>
                      <td className="num">{v ? v.f.toPrecision(6) : '—'}</td>
                      <td className="num">{v ? v.df.toPrecision(6) : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {chosen.map((fn) => (
              <div key={fn} className="nl-explorer-advice" data-testid={`explorer-advice-${fn}`}>
                <strong>{ACTIVATIONS[fn]!.title}</strong>: {ACTIVATIONS[fn]!.explanation}
                <br /><span className="good">Good: {ACTIVATION_PROPERTIES[fn]?.good}</span>
                <br /><span className="bad">Poor: {ACTIVATION_PROPERTIES[fn]?.bad}</span>
              </div>
            ))}
          </div>
        </div>
        <PropertiesTable highlight={chosen} />
      </div>
    </div>
  );
}
