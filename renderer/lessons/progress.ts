import { z } from 'zod';

/**
 * What a learner has done, per lesson id, kept in this browser profile's localStorage (nothing leaves
 * the machine). A damaged or foreign value is ignored rather than trusted.
 */
export const PROGRESS_KEY = 'netloom.lessons.v1';
/** Set once the start screen has been closed: later launches open the editor directly. */
export const START_SCREEN_KEY = 'netloom.start-screen.closed';

const Entry = z.object({ answer: z.number().int().min(0).optional(), passed: z.boolean().optional() });
const Progress = z.record(z.string(), Entry);
export type LessonProgress = z.infer<typeof Entry>;
export type ProgressMap = z.infer<typeof Progress>;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function readProgress(): ProgressMap {
  try {
    const parsed = Progress.safeParse(JSON.parse(storage()?.getItem(PROGRESS_KEY) ?? '{}'));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function updateProgress(id: string, change: LessonProgress): ProgressMap {
  const all = readProgress();
  const next = { ...all, [id]: { ...all[id], ...change } };
  storage()?.setItem(PROGRESS_KEY, JSON.stringify(next));
  return next;
}

export function startScreenClosed(): boolean {
  return storage()?.getItem(START_SCREEN_KEY) === '1';
}

export function closeStartScreen(): void {
  storage()?.setItem(START_SCREEN_KEY, '1');
}
