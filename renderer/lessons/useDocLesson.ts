import { useMemo } from 'react';
import { LESSON_KEY, readLesson, type LessonRead } from '../../core/lessons';
import { useDoc, useServices } from '../app/context';

/**
 * The lesson the open document carries (null for an ordinary graph). Parsed again only when the
 * `x-lesson` block itself changes, which ordinary edits never do.
 */
export function useDocLesson(): LessonRead | null {
  const block = useDoc((s) => (s.graph as unknown as Record<string, unknown>)[LESSON_KEY]);
  const { store } = useServices();
  return useMemo(() => (block === undefined ? null : readLesson(store.getState().graph, { nodes: false })), [block, store]);
}
