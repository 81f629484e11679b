import { createContext, useCallback, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import { AppContext } from '../app/context';
import type { NodeStats } from '../../core/protocol/events';
import type { TrainingController } from './controller';
import { cancelDraw, enqueueDraw } from './draw-queue';
import { trainingControllerFor } from './live';

/** Set by the panel's host; without it the controller comes from the editor's bridge. */
export const TrainingContext = createContext<TrainingController | null>(null);

export function useTrainingController(): TrainingController {
  const own = useContext(TrainingContext);
  const app = useContext(AppContext);
  if (own) return own;
  if (!app) throw new Error('useTrainingController needs a TrainingContext or the editor AppContext');
  return trainingControllerFor(app.bridge);
}

/**
 * Re-render only when `select` returns a different primitive (a state, a list key…): metric values
 * change many times a second and must not go through React.
 */
export function useStoreKey<T extends string | number | boolean | null>(c: TrainingController, select: () => T): T {
  return useSyncExternalStore(c.store.subscribe, select);
}

/**
 * Each draw may take this many times its own duration as a pause before the next: a chart that takes
 * 10 ms redraws at most every 60 ms, so charts together keep the main thread mostly free, and on a
 * loaded machine (where the same draw takes longer) they slow down instead of freezing the page.
 */
const DRAW_DUTY = 6;

/**
 * Call `draw` after store changes, at most once per animation frame and at most once per
 * `minIntervalMs` (and once on mount): how charts and readouts update without React. Charts pass an
 * interval so several runs streaming at 30 frames a second do not redraw every chart every frame.
 * Each draw runs in a task of its own (draw-queue.ts), never batched with the other charts' draws.
 */
export function useRafDraw(c: TrainingController, draw: () => void, minIntervalMs = 0): void {
  const latest = useRef(draw);
  latest.current = draw;
  useEffect(() => {
    let raf = 0;
    let queued = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastAt = -Infinity;
    let cost = 0;
    let live = true;
    const run = () => {
      queued = false;
      if (!live) return;
      const t0 = performance.now();
      lastAt = t0;
      latest.current();
      // uPlot commits its redraw in a microtask queued by the draw: measure after it.
      queueMicrotask(() => queueMicrotask(() => { cost = performance.now() - t0; }));
    };
    const enqueue = () => {
      raf = 0;
      queued = true;
      enqueueDraw(run);
    };
    const schedule = () => {
      if (raf !== 0 || timer !== null || queued) return;
      const wait = lastAt + Math.max(minIntervalMs, minIntervalMs > 0 ? DRAW_DUTY * cost : 0) - performance.now();
      if (wait <= 0) raf = requestAnimationFrame(enqueue);
      else timer = setTimeout(() => {
        timer = null;
        raf = requestAnimationFrame(enqueue);
      }, wait);
    };
    run();
    const unsub = c.store.subscribe(schedule);
    return () => {
      live = false;
      unsub();
      cancelDraw(run);
      if (raf !== 0) cancelAnimationFrame(raf);
      if (timer !== null) clearTimeout(timer);
    };
  }, [c, minIntervalMs]);
}

/** Node previews refresh a few times a second at most: enough to watch, cheap for big graphs. */
const NODE_STATS_MS = 250;

/**
 * `read()` of the store, re-read at most once per `ms` after a change: for canvas nodes, which must not
 * re-render at the engine's frame rate. `read` must return the same object until the data changes.
 */
export function useThrottledStore<T>(c: TrainingController, read: () => T, ms: number): T {
  const subscribe = useCallback((notify: () => void) => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsub = c.store.subscribe(() => {
      timer ??= setTimeout(() => {
        timer = null;
        notify();
      }, ms);
    });
    return () => {
      unsub();
      if (timer !== null) clearTimeout(timer);
    };
  }, [c, ms]);
  return useSyncExternalStore(subscribe, read);
}

/**
 * The latest activation stats of a canvas node in the active run (histogram of its outputs, dead and
 * saturated fractions), or undefined when no run has reported it. For node components on the canvas.
 */
export function useNodeLiveStats(nodeId: string): NodeStats | undefined {
  const c = useTrainingController();
  // The store keeps the same stats object until a new frame replaces it, so this is a stable snapshot.
  const read = useCallback(() => c.store.active()?.layerStats?.find((s) => s.id === nodeId), [c, nodeId]);
  return useThrottledStore(c, read, NODE_STATS_MS);
}
