import { useValue } from '../app/context';
import type { FileActions } from '../app/file-actions';
import { LessonList } from './LessonList';
import { lessonUi } from './lesson-ui';

/** Help ▸ Lessons: the lesson list in a dialog. */
export function LessonsDialog({ files }: { files: FileActions }) {
  const open = useValue(lessonUi, (u) => u.lessons);
  if (!open) return null;
  const close = () => lessonUi.set((u) => ({ ...u, lessons: false }));
  return (
    <div className="nl-backdrop" onClick={(e) => e.target === e.currentTarget && close()}>
      <div className="nl-modal nl-lessons-dialog" role="dialog" aria-modal="true" aria-labelledby="nl-lessons-title" data-testid="lessons-dialog">
        <h2 id="nl-lessons-title">Lessons</h2>
        <p className="nl-muted">Each lesson opens an example graph with notes, a question to answer before training, a task, and a check that tells you when you got it.</p>
        <LessonList files={files} onOpened={close} />
        <div className="nl-actions">
          <button type="button" className="nl-btn" data-testid="lessons-close" onClick={close}>Close</button>
        </div>
      </div>
    </div>
  );
}
