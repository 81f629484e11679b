import type { ReactFlowInstance } from '@xyflow/react';
import type { FlowEdge, FlowNode } from '../state/flow-convert';

/**
 * With `?e2e` in the URL, the viewport is reachable from automation, so the performance spec can pan
 * and zoom programmatically (animated, as a user's pan would be) and measure frame times meanwhile.
 * Nothing else is exposed, and without the flag nothing at all.
 */
export function installTestHooks(flow: ReactFlowInstance<FlowNode, FlowEdge>): void {
  if (!new URLSearchParams(window.location.search).has('e2e')) return;
  (window as unknown as { __netloomViewport?: unknown }).__netloomViewport = {
    get: () => flow.getViewport(),
    set: (v: { x: number; y: number; zoom: number }, duration = 0) => animatedSet(flow, v, duration),
    fit: () => flow.fitView({ padding: 0.1 }),
  };
}

/**
 * setViewport with a duration resolves only when its transition ends; one interrupted by another
 * viewport change (the app's own fit after opening a file, under load) never resolves. Resolve then too
 * — true when it ended, false when the viewport stood still for 10 frames after its duration.
 */
function animatedSet(flow: ReactFlowInstance<FlowNode, FlowEdge>, v: { x: number; y: number; zoom: number }, duration: number): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    void flow.setViewport(v, { duration }).then(() => {
      settled = true;
      resolve(true);
    });
    if (duration <= 0) return;
    const start = performance.now();
    let last = JSON.stringify(flow.getViewport());
    let still = 0;
    const tick = () => {
      if (settled) return;
      const now = JSON.stringify(flow.getViewport());
      still = now === last ? still + 1 : 0;
      last = now;
      if (performance.now() - start > duration && still >= 10) resolve(false);
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}
