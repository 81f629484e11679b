import { useServices } from '../app/context';
import type { FileActions } from '../app/file-actions';
import { trainingControllerFor } from '../training/live';
import { LESSONS } from './catalog';
import { lessonUi } from './lesson-ui';
import { readProgress } from './progress';

/** The shipped lessons with the learner's progress; choosing one opens its graph as a new document. */
export function LessonList({ files, onOpened }: { files: FileActions; onOpened: () => void }) {
  const { bridge } = useServices();
  const progress = readProgress();
  const open = async (i: number) => {
    const entry = LESSONS[i]!;
    onOpened();
    if (!(await files.openGraph(entry.graph, entry.file))) return;
    // A fresh start: runs of an earlier attempt stay in the history but no longer count for the check.
    trainingControllerFor(bridge).store.setActive(null);
    lessonUi.set((u) => ({ ...u, collapsed: false }));
  };
  return (
    <ol className="nl-lesson-list">
      {LESSONS.map(({ lesson }, i) => {
        const p = progress[lesson.id];
        const state = p?.passed ? 'passed' : p?.answer !== undefined ? 'started' : 'new';
        return (
          <li key={lesson.id}>
            <button type="button" className="nl-lesson-item" data-testid="lesson-item" data-lesson-id={lesson.id} data-progress={state} onClick={() => void open(i)}>
              <strong>{i + 1}. {lesson.title}</strong>
              <span className="nl-lesson-progress" aria-label={state}>{state === 'passed' ? '✓ done' : state === 'started' ? 'started' : ''}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
