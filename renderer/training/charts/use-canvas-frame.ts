import { useEffect, useState, type RefObject } from 'react';

/** Where a chart's canvas lies inside its figure, in CSS pixels. */
export interface CanvasFrame { top: number; left: number; w: number; h: number }

/**
 * The box of the chart canvas next to `ref` (its parent's first canvas), kept current as the canvas
 * resizes: overlay layers (drawing points, picking an example) lie exactly over it. `remeasureKey`
 * changes when the layer starts showing and must find the canvas again.
 */
export function useCanvasFrame(ref: RefObject<Element | null>, remeasureKey: unknown): CanvasFrame | null {
  const [frame, setFrame] = useState<CanvasFrame | null>(null);
  useEffect(() => {
    const canvas = ref.current?.parentElement?.querySelector('canvas');
    if (!canvas) return;
    const measure = () => {
      const next = { top: canvas.offsetTop, left: canvas.offsetLeft, w: canvas.clientWidth, h: canvas.clientHeight };
      setFrame((f) => (f && f.top === next.top && f.left === next.left && f.w === next.w && f.h === next.h ? f : next));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(canvas);
    return () => ro.disconnect();
  }, [ref, remeasureKey]);
  return frame;
}
