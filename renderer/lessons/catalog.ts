import { parseGraphText } from '../../core/graph/io';
import type { Graph } from '../../core/graph/schema';
import { readLesson, type Lesson } from '../../core/lessons';

/** The lesson files shipped in `examples/lessons/`, bundled at build time (the app works offline). */
const files = import.meta.glob('../../examples/lessons/*.json', { eager: true, query: '?raw', import: 'default' }) as Record<string, string>;

export interface LessonEntry {
  lesson: Lesson;
  graph: Graph;
  /** File name, e.g. `02-linear-xor.json`. */
  file: string;
}

export const LESSONS: readonly LessonEntry[] = Object.entries(files)
  .flatMap(([path, text]) => {
    const parsed = parseGraphText(text);
    if (!parsed.ok) return [];
    const read = readLesson(parsed.graph);
    return read?.ok ? [{ lesson: read.lesson, graph: parsed.graph, file: path.replace(/^.*\//, '') }] : [];
  })
  .sort((a, b) => a.lesson.order - b.lesson.order);
