import { useValue } from '../app/context';
import type { FileActions } from '../app/file-actions';
import { TEMPLATES } from '../app/templates';
import { LessonList } from './LessonList';
import { lessonUi } from './lesson-ui';
import { closeStartScreen } from './progress';

/**
 * The first-launch screen: start a lesson, open a template, or close it for the empty editor. Once
 * closed (any choice) it stays closed on later launches; Help ▸ Lessons lists the lessons again.
 */
export function StartScreen({ files }: { files: FileActions }) {
  const open = useValue(lessonUi, (u) => u.start);
  if (!open) return null;
  const close = () => {
    closeStartScreen();
    lessonUi.set((u) => ({ ...u, start: false }));
  };
  return (
    <div className="nl-backdrop">
      <div className="nl-modal nl-start" role="dialog" aria-modal="true" aria-labelledby="nl-start-title" data-testid="start-screen">
        <h2 id="nl-start-title">Welcome to NetLoom</h2>
        <p className="nl-muted">Build a network by wiring blocks, train it here on your computer, and watch it learn. Start with a lesson, or open an example.</p>
        <div className="nl-start-cols">
          <section>
            <h3>Lessons</h3>
            <LessonList files={files} onOpened={close} />
          </section>
          <section>
            <h3>Examples</h3>
            <ul className="nl-start-templates">
              {TEMPLATES.map((t) => (
                <li key={t.id}>
                  <button
                    type="button" className="nl-lesson-item" data-testid={`start-template-${t.id}`} title={t.description}
                    onClick={async () => {
                      close();
                      await files.newFromTemplate(t.id);
                    }}
                  >
                    <strong>{t.name}</strong>
                    <span className="nl-muted">{t.description}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        </div>
        <div className="nl-actions">
          <button type="button" className="nl-btn primary" data-testid="start-close" onClick={close}>Empty canvas</button>
        </div>
      </div>
    </div>
  );
}
