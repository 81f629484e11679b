import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { FIT_OPTIONS } from '../app/fit';
import type { DocumentStore } from '../state/document-store';

/**
 * A new document is framed once its nodes have been measured, and stays framed while the canvas
 * changes width until the user moves the view or edits the graph (any edit makes a new nodes array;
 * refitting then would move the view under a wire being drawn or a node just dropped): opening a lesson
 * narrows the canvas from the left right after its graph is framed, and without a refit the graph sat
 * half under the inspector. (Not xyflow's `fitView` prop: that would also jump the view when the first
 * block is dropped onto an empty canvas.)
 * Returns the `onMoveStart` handler for ReactFlow: a move with an input event is the user's.
 */
export function useDocumentFraming(box: RefObject<HTMLElement | null>, generation: number, store: DocumentStore): (event: unknown) => void {
  const flow = useReactFlow();
  // The nodes the frame was made for, or null when the view is the user's.
  const framed = useRef<readonly unknown[] | null>(null);

  useEffect(() => {
    framed.current = null;
    const count = store.getState().graph.nodes.length;
    // An empty document is not framed at all: xyflow would keep the request and fire it on the first
    // drop, jumping the view away from where the block was put.
    if (generation === 0 || count === 0) return;
    const t = setTimeout(() => {
      void flow.fitView({ ...FIT_OPTIONS, duration: 0 });
      framed.current = store.getState().graph.nodes;
      // For tests that must not measure the opening's own work: which document has been framed.
      if (box.current) box.current.dataset.framed = String(generation);
    }, 60);
    return () => clearTimeout(t);
  }, [box, generation, flow, store]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let raf = 0;
    let last = { w: el.clientWidth, h: el.clientHeight };
    const ro = new ResizeObserver(() => {
      const now = { w: el.clientWidth, h: el.clientHeight };
      // Only a change of width: side panels (the lesson panel, the inspector) change it once, while the
      // Problems and advisor rows change the height whenever their contents do — a refit then moved
      // the view under a click right after an import.
      const widthChanged = Math.abs(now.w - last.w) > 1;
      last = now;
      if (!widthChanged) return;
      if (framed.current === null || framed.current !== store.getState().graph.nodes || now.w === 0 || now.h === 0) return;
      cancelAnimationFrame(raf);
      raf = requestAnimationFrame(() => void flow.fitView({ ...FIT_OPTIONS, duration: 0 }));
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      cancelAnimationFrame(raf);
    };
  }, [box, flow, store]);

  return useCallback((event: unknown) => {
    if (event) framed.current = null;
  }, []);
}
