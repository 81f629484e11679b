import { useDocLesson } from './useDocLesson';

/**
 * Class names for the editor's main area while a lesson is open: room for the lesson panel, and the
 * lesson's UI locks (`nl-lock-palette` hides the palette…), applied by lessons.css.
 */
export function useLessonLayoutClass(): string {
  const read = useDocLesson();
  if (!read) return '';
  const locks = read.ok ? read.lesson.locks.map((l) => `nl-lock-${l}`) : [];
  return ['nl-has-lesson', ...locks].join(' ');
}

/** True while the open lesson locks the palette: its resizable pane then gives up its room. */
export function usePaletteLocked(): boolean {
  const read = useDocLesson();
  return read?.ok === true && read.lesson.locks.includes('palette');
}
