import { useEffect, useRef } from 'react';
import type { UnitMapResult } from '../../core/protocol/trace';

/** One unit's output over the input plane, as a small picture (rows from the bottom, like the chart). */
function UnitMap({ map, unit }: { map: UnitMapResult; unit: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const { size, values } = map;
    const base = unit * size * size;
    let m = 1e-12;
    for (let i = 0; i < size * size; i++) m = Math.max(m, Math.abs(values[base + i]!));
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        const t = values[base + r * size + c]! / m;
        ctx.fillStyle = t < 0 ? `rgba(37, 99, 235, ${-t})` : `rgba(234, 88, 12, ${t})`;
        ctx.fillRect(c, size - 1 - r, 1, 1);
      }
    }
  }, [map, unit]);
  return <canvas ref={ref} className="nl-trace-unit" width={map.size} height={map.size} title={`unit ${unit}`} role="img" aria-label={`unit ${unit} over the input plane`} />;
}

/** Every unit of a node over the input plane: what each one has learned to respond to. */
export function UnitMaps({ map }: { map: UnitMapResult }) {
  return (
    <div className="nl-trace-units" data-testid="trace-unit-maps" data-units={map.units}>
      <span className="nl-trace-caption">Each unit over the input plane (orange high, blue low):</span>
      <div>{Array.from({ length: map.units }, (_, u) => <UnitMap key={u} map={map} unit={u} />)}</div>
    </div>
  );
}
