import { useEffect, useState } from 'react';
import { evaluateCheck, type CheckResult, type Lesson } from '../../core/lessons';
import { useDoc, useServices, useValue } from '../app/context';
import type { FileActions } from '../app/file-actions';
import { LESSONS } from './catalog';
import { useStoreKey, useTrainingController } from '../training/hooks';
import { LessonCheck } from './LessonCheck';
import { lessonUi } from './lesson-ui';
import { readProgress, updateProgress } from './progress';
import { factsOfRun, isLessonRun, runEnded } from './run-facts';
import { SoftmaxView } from './SoftmaxView';
import { useDocLesson } from './useDocLesson';
import './lessons.css';

/**
 * The lesson beside the canvas when the open graph carries an `x-lesson` block: notes, the "predict
 * first" question, the task, the live check and, after a run that did not pass, the hint.
 */
export function LessonPanel({ files }: { files: FileActions }) {
  const read = useDocLesson();
  const collapsed = useValue(lessonUi, (u) => u.collapsed);
  if (!read) return null;
  if (collapsed) {
    return (
      <aside className="nl-lesson-panel collapsed" data-testid="lesson-panel" aria-label="Lesson">
        <button type="button" className="nl-btn" data-testid="lesson-expand" title="Show the lesson" onClick={() => lessonUi.set((u) => ({ ...u, collapsed: false }))}>▸ Lesson</button>
      </aside>
    );
  }
  if (!read.ok) {
    return (
      <aside className="nl-lesson-panel" data-testid="lesson-panel" aria-label="Lesson">
        <h3>This file's lesson could not be read</h3>
        <p className="nl-muted">The graph opened as an ordinary graph. Fix these fields of <code>x-lesson</code> (see docs/lessons.md):</p>
        <ul className="nl-lesson-problems" data-testid="lesson-problems">
          {read.problems.map((p, i) => <li key={i}><code>{p.path}</code>: {p.message}</li>)}
        </ul>
      </aside>
    );
  }
  return <LessonBody key={read.lesson.id} lesson={read.lesson} files={files} />;
}

interface Live {
  result: CheckResult;
  ended: boolean;
  hasRun: boolean;
  /** When the lesson's run started (ms), to tell runs before the answer from runs after it. */
  startedAt: number;
  alphas: { node: string; mean: number }[];
}

function LessonBody({ lesson, files }: { lesson: Lesson; files: FileActions }) {
  const { store } = useServices();
  const c = useTrainingController();
  // Before any run the graph facts are read from the canvas: re-evaluate on every edit too.
  useDoc((s) => s.graph);
  const [answer, setAnswer] = useState<number | null>(() => readProgress()[lesson.id]?.answer ?? null);
  // A prediction counts for runs started after it (a remembered one, from an earlier visit, for any).
  const [answeredAt, setAnsweredAt] = useState(0);
  // The check is re-evaluated on every store change; React re-renders only when its outcome changes.
  const key = useStoreKey(c, () => {
    const active = c.store.active();
    const run = isLessonRun(active, lesson.id) ? active : undefined;
    const facts = factsOfRun(run, store.getState().graph);
    const result = evaluateCheck(lesson.check, facts, lesson.minEpochs);
    const alphas = (run?.layerStats ?? []).flatMap((s) => (s.params?.alpha ? [{ node: s.id, mean: Number(s.params.alpha.mean.toFixed(4)) }] : []));
    const rounded = { ...result, items: result.items.map((i) => (i.actual === undefined ? i : { ...i, actual: Number(i.actual.toPrecision(4)) })) };
    const startedAt = run ? Date.parse(run.meta.startedAt) : 0;
    return JSON.stringify({ result: rounded, ended: runEnded(run), hasRun: run !== undefined, startedAt, alphas } satisfies Live);
  });
  const live = JSON.parse(key) as Live;
  const passed = live.result.state === 'pass';
  useEffect(() => {
    if (passed) updateProgress(lesson.id, { passed: true });
  }, [passed, lesson.id]);

  const choose = (i: number) => {
    setAnswer(i);
    setAnsweredAt(Date.now());
    updateProgress(lesson.id, { answer: i });
  };
  const shipped = LESSONS.find((l) => l.lesson.id === lesson.id);
  const revealed = answer !== null && (live.ended || passed) && live.startedAt >= answeredAt;
  const right = answer === lesson.question.correct;
  return (
    <aside className="nl-lesson-panel" data-testid="lesson-panel" data-lesson-id={lesson.id} aria-label="Lesson">
      <header className="nl-lesson-head">
        <h3>{lesson.title}</h3>
        {shipped && (
          <button
            type="button" className="nl-btn" data-testid="lesson-restart" title="Start this lesson again from its original graph"
            onClick={async () => {
              if (!(await files.openGraph(shipped.graph, shipped.file))) return;
              c.store.setActive(null);
              setAnswer(null);
              updateProgress(lesson.id, { answer: undefined });
            }}
          >
            ↺
          </button>
        )}
        <button type="button" className="nl-btn" data-testid="lesson-collapse" title="Fold the lesson away" onClick={() => lessonUi.set((u) => ({ ...u, collapsed: true }))}>◂</button>
      </header>
      <div className="nl-lesson-scroll">
        <section className="nl-lesson-notes" data-testid="lesson-notes">
          {lesson.notes.map((p, i) => <p key={i}>{p}</p>)}
        </section>
        <section className="nl-lesson-box" data-testid="lesson-question" data-answered={answer !== null}>
          <h4>Predict first</h4>
          <p>{lesson.question.prompt}</p>
          <div className="nl-lesson-answers" role="group" aria-label="Your prediction">
            {lesson.question.answers.map((a, i) => (
              <button
                key={i}
                type="button"
                className="nl-btn nl-lesson-answer"
                data-testid={`lesson-answer-${i}`}
                aria-pressed={answer === i}
                disabled={revealed}
                onClick={() => choose(i)}
              >
                {a}
              </button>
            ))}
          </div>
          {answer === null && <p className="nl-muted">Choose an answer, then train (▶ Train below).</p>}
          {answer !== null && !revealed && <p className="nl-muted">Now train (▶ Train below) and watch what happens.</p>}
          {revealed && (
            <div className={`nl-lesson-outcome ${right ? 'ok' : 'miss'}`} data-testid="lesson-outcome" data-predicted={right}>
              <strong>{right ? 'You predicted it.' : `Not what happened — the answer is: ${lesson.question.answers[lesson.question.correct]}`}</strong>
              <p>{lesson.question.explanation}</p>
            </div>
          )}
        </section>
        {lesson.views.includes('softmax') && <SoftmaxView />}
        <section className="nl-lesson-box" data-testid="lesson-task">
          <h4>Try this</h4>
          <p>{lesson.task}</p>
        </section>
        <LessonCheck result={live.result} hasRun={live.hasRun} minEpochs={lesson.minEpochs} />
        {live.alphas.length > 0 && (
          <p className="nl-lesson-watch" data-testid="lesson-alpha">
            PReLU alpha (mean): {live.alphas.map((a) => <span key={a.node}><code>{a.node}</code> {a.mean} </span>)}
          </p>
        )}
        {live.ended && !passed && (
          <section className="nl-lesson-box hint" data-testid="lesson-hint">
            <h4>Hint</h4>
            <p>{lesson.hint}</p>
          </section>
        )}
      </div>
    </aside>
  );
}
