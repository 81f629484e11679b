import { useEffect, useRef } from 'react';
import type { Graph } from '../../core/graph/schema';
import type { TrainingController } from './controller';

/** Where a bare key must keep its usual meaning: typing, choosing, pressing a focused button. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const el = target as HTMLElement;
  const tag = el.tagName.toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || tag === 'button' || el.isContentEditable;
}

export type TrainingKeyAction = 'toggle' | 'step' | 'reset' | null;

export function trainingActionForKey(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): TrainingKeyAction {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === ' ') return 'toggle';
  if (e.key === '.') return 'step';
  if (e.key === 'r' || e.key === 'R') return 'reset';
  return null;
}

/**
 * Space plays/pauses, `.` steps one batch, R resets — except while typing in a field. Like the buttons,
 * while `blocked` (the graph or its data cannot train) Space only pauses and `.` does nothing.
 */
export function useTrainingShortcuts(c: TrainingController, graph: Graph, enabled: boolean, blocked: string | null = null): void {
  const latest = useRef(graph);
  latest.current = graph;
  const isBlocked = useRef(blocked !== null);
  isBlocked.current = blocked !== null;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.repeat && e.key !== '.') || isTypingTarget(e.target)) return;
      const action = trainingActionForKey(e);
      // React Flow marks Space as handled (it is its hold-to-pan key), so Space ignores defaultPrevented.
      if (!action || (e.defaultPrevented && action !== 'toggle')) return;
      e.preventDefault();
      if (action === 'toggle') {
        if (!isBlocked.current) c.toggle(latest.current);
        else c.pause();
      } else if (action === 'step') {
        if (!isBlocked.current) c.step(latest.current);
      }
      else c.reset(latest.current);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [c, enabled]);
}
