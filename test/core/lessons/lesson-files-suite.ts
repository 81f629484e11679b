import { describe, expect, it } from 'vitest';
import { kernelModule } from '../../../core/kernels/wasm/module';
import { parseGraphText, serializeGraph } from '../../../core/graph/io';
import { analyzeGraph } from '../../../core/graph/analyze';
import { applyFix, evaluateCheck, readLesson, type Lesson } from '../../../core/lessons';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LESSONS_DIR, lessonFiles, trainForFacts } from '../../helpers/lessons';

/**
 * Every shipped lesson, trained headlessly through the core session as `netloom train` does: its check
 * does not pass on the graph as given, and passes once its own intended fix (and every listed
 * alternative) is applied. The e2e spec performs the same fixes in the editor.
 */
const files = lessonFiles();

function lessonOf(graph: Parameters<typeof readLesson>[0]): Lesson {
  const r = readLesson(graph);
  if (!r?.ok) throw new Error(`not a valid lesson: ${JSON.stringify(r)}`);
  return r.lesson;
}

/** The suite, run once per engine backend: a learner gets the wasm kernels where WebAssembly may run and the TS kernels where it may not (a stricter CSP, an old runtime). */
export function lessonFilesSuite(backend: 'wasm' | 'js'): void {
describe(`lesson files (${backend} kernels)`, () => {
  it('runs on the intended backend', () => expect(kernelModule() === null ? 'js' : 'wasm').toBe(backend));
  it('there are at least 11, with distinct ids and orders, each graph valid and saved in canonical form', () => {
    expect(files.length).toBeGreaterThanOrEqual(11);
    const lessons = files.map((f) => lessonOf(f.graph));
    expect(new Set(lessons.map((l) => l.id)).size).toBe(lessons.length);
    expect(new Set(lessons.map((l) => l.order)).size).toBe(lessons.length);
    for (const { file, graph } of files) {
      expect(analyzeGraph(graph).problems, file).toEqual([]);
      // The file is what the app saves (canonical), and reopening a saved lesson gives the same lesson.
      expect(serializeGraph(graph), file).toBe(readFileSync(resolve(LESSONS_DIR, file), 'utf8'));
      const again = parseGraphText(serializeGraph(graph));
      expect(again.ok && readLesson(again.graph), file).toEqual(readLesson(graph));
    }
  });

  for (const { file, graph } of files) {
    const lesson = lessonOf(graph);
    it(`${file}: the check fails as given and passes after the intended fix`, async () => {
      const given = await trainForFacts(graph);
      expect(evaluateCheck(lesson.check, given, lesson.minEpochs).state, 'as given').not.toBe('pass');
      for (const [i, fix] of [lesson.fix, ...lesson.alternatives].entries()) {
        const fixed = applyFix(graph, fix);
        expect(analyzeGraph(fixed).problems, `fix ${i} leaves a valid graph`).toEqual([]);
        const facts = await trainForFacts(fixed);
        expect(facts.error, `fix ${i} trains`).toBeUndefined();
        const result = evaluateCheck(lesson.check, facts, lesson.minEpochs);
        expect(result.state, `fix ${i}: ${JSON.stringify(result.items)}`).toBe('pass');
      }
    }, 60_000);
  }
});
}
