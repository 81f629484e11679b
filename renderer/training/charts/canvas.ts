import { useEffect, useRef, useState, type RefObject } from 'react';
import { cancelDraw, enqueueDraw } from '../draw-queue';

/**
 * Size a canvas to its CSS box at the device pixel ratio, and report the CSS size so drawing code can
 * work in CSS pixels. Returns the 2D context, already scaled; null if the canvas is not laid out.
 */
const sizes = new WeakMap<Element, { w: number; h: number }>();
let observer: ResizeObserver | null = null;

/**
 * The canvas's CSS size, kept up to date by one ResizeObserver: reading clientWidth in every draw would
 * force a synchronous layout each time, which showed up as main-thread time while training.
 */
function sizeOf(canvas: HTMLCanvasElement): { w: number; h: number } {
  let s = sizes.get(canvas);
  if (!s) {
    s = { w: canvas.clientWidth, h: canvas.clientHeight };
    sizes.set(canvas, s);
    observer ??= new ResizeObserver((entries) => {
      for (const e of entries) {
        // A canvas taken out of the page reports one last (empty) size: stop watching it then.
        if (!e.target.isConnected) {
          observer?.unobserve(e.target);
          sizes.delete(e.target);
        } else sizes.set(e.target, { w: e.contentRect.width, h: e.contentRect.height });
      }
    });
    observer.observe(canvas);
  }
  return s;
}

export function prepareCanvas(canvas: HTMLCanvasElement): { ctx: CanvasRenderingContext2D; w: number; h: number } | null {
  const { w, h } = sizeOf(canvas);
  if (w === 0 || h === 0) return null;
  const dpr = window.devicePixelRatio || 1;
  const pw = Math.round(w * dpr);
  const ph = Math.round(h * dpr);
  if (canvas.width !== pw || canvas.height !== ph) {
    canvas.width = pw;
    canvas.height = ph;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  return { ctx, w, h };
}

/** The element's content size, updated on resize (so charts can follow the dock's size). */
export function useElementSize(ref: RefObject<HTMLElement | null>): { w: number; h: number } {
  const [size, setSize] = useState({ w: 0, h: 0 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      const w = Math.floor(el.clientWidth);
      const h = Math.floor(el.clientHeight);
      setSize((s) => (s.w === w && s.h === h ? s : { w, h }));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

/**
 * Redraw when the element resizes, without a React render per size change of the canvas itself. The
 * redraw is queued as a task of its own (draw-queue.ts): when the dock changes shape every chart
 * resizes in the same rendering step, and drawing them all inside it made one long task.
 */
export function useResizeRedraw(ref: RefObject<HTMLElement | null>, redraw: () => void): void {
  const latest = useRef(redraw);
  latest.current = redraw;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let queued = false;
    const run = () => {
      queued = false;
      latest.current();
    };
    const ro = new ResizeObserver(() => {
      if (queued) return;
      queued = true;
      enqueueDraw(run);
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      cancelDraw(run);
    };
  }, [ref]);
}
