import { createContext, useCallback, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import { AppContext } from '../app/context';
import type { NodeStats } from '../../core/protocol/events';
import type { TrainingController } from './controller';
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
 * Call `draw` after store changes, at most once per animation frame and at most once per
 * `minIntervalMs` (and once on mount): how charts and readouts update without React. Charts pass an
 * interval so several runs streaming at 30 frames a second do not redraw every chart every frame.
 */
export function useRafDraw(c: TrainingController, draw: () => void, minIntervalMs = 0): void {
  const latest = useRef(draw);
  latest.current = draw;
  useEffect(() => {
    let raf = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastAt = -Infinity;
    const run = () => {
      raf = 0;
      lastAt = performance.now();
      latest.current();
    };
    const schedule = () => {
      if (raf !== 0 || timer !== null) return;
      const wait = lastAt + minIntervalMs - performance.now();
      if (wait <= 0) raf = requestAnimationFrame(run);
      else timer = setTimeout(() => {
        timer = null;
        raf = requestAnimationFrame(run);
      }, wait);
    };
    run();
    const unsub = c.store.subscribe(schedule);
    return () => {
      unsub();
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
