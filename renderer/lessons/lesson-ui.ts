import { createValueStore } from '../state/value-store';
import { startScreenClosed } from './progress';

/** Which teaching views are open. Not part of the document, so not in the undo history. */
export interface LessonUi {
  /** The first-launch screen offering the lessons and templates. */
  start: boolean;
  /** Help ▸ Lessons. */
  lessons: boolean;
  /** Help ▸ Activation explorer. */
  explorer: boolean;
  /** The lesson panel folded to a strip. */
  collapsed: boolean;
}

export const lessonUi = createValueStore<LessonUi>({ start: !startScreenClosed(), lessons: false, explorer: false, collapsed: false });
