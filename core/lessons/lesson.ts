import type { z } from 'zod';
import type { Problem } from '../graph/problem';
import type { Graph } from '../graph/schema';
import { LessonSchema, type Check, type Lesson } from './schema';

/** The extension key that makes a graph file a lesson. */
export const LESSON_KEY = 'x-lesson';

export type LessonRead = { ok: true; lesson: Lesson } | { ok: false; problems: Problem[] };

/**
 * The lesson a graph carries, or null when it has no `x-lesson` block. A broken block is reported as
 * problems naming the field (`x-lesson.question.correct: …`), and the graph itself stays usable.
 * `nodes: false` skips checking that the node ids it names exist: a learner's edits (replacing a node)
 * may remove them, and the lesson must stay open.
 */
export function readLesson(graph: Graph, options: { nodes?: boolean } = {}): LessonRead | null {
  const raw = (graph as unknown as Record<string, unknown>)[LESSON_KEY];
  if (raw === undefined) return null;
  const parsed = LessonSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => problem(pathOf(i), i.message)) };
  const lesson = parsed.data;
  if (options.nodes === false) return { ok: true, lesson };
  const ids = new Set(graph.nodes.map((n) => n.id));
  const problems: Problem[] = [];
  for (const [path, id] of nodeRefs(lesson.check, `${LESSON_KEY}.check`)) {
    if (!ids.has(id)) problems.push(problem(path, `node "${id}" is not in this graph`));
  }
  lesson.fix.forEach((step, i) => {
    const id = 'node' in step ? step.node : 'replace' in step ? step.replace : null;
    if (id !== null && !ids.has(id)) problems.push(problem(`${LESSON_KEY}.fix[${i}]`, `node "${id}" is not in this graph`));
  });
  return problems.length ? { ok: false, problems } : { ok: true, lesson };
}

/** Every node id a check refers to, with where. */
function nodeRefs(check: Check, path: string): [string, string][] {
  if ('all' in check) return check.all.flatMap((c, i) => nodeRefs(c, `${path}.all[${i}]`));
  if ('any' in check) return check.any.flatMap((c, i) => nodeRefs(c, `${path}.any[${i}]`));
  if ('not' in check) return nodeRefs(check.not, `${path}.not`);
  if ('layer' in check) return [[`${path}.layer`, check.layer]];
  if ('gradRatio' in check) return check.gradRatio.map((id, i) => [`${path}.gradRatio[${i}]`, id]);
  if ('param' in check) return [[`${path}.param.node`, check.param.node]];
  return [];
}

function pathOf(issue: z.core.$ZodIssue): string {
  return issue.path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : `${acc}.${String(seg)}`), LESSON_KEY);
}

function problem(path: string, message: string): Problem {
  return { path, code: 'lesson', message, severity: 'error' };
}
