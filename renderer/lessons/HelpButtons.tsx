import { lessonUi } from './lesson-ui';

/** The Help group of the toolbar: the lessons and the activation explorer. */
export function HelpButtons() {
  return (
    <div className="nl-group" role="group" aria-label="Help">
      <button type="button" className="nl-btn" data-testid="lessons-open" title="Help ▸ Lessons" onClick={() => lessonUi.set((u) => ({ ...u, lessons: true }))}>Lessons</button>
      <button type="button" className="nl-btn" data-testid="explorer-open" title="Help ▸ Activation explorer" onClick={() => lessonUi.set((u) => ({ ...u, explorer: true }))}>Activations</button>
    </div>
  );
}
