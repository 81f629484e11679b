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
    set: (v: { x: number; y: number; zoom: number }, duration = 0) => flow.setViewport(v, { duration }),
    fit: () => flow.fitView({ padding: 0.1 }),
  };
}
