import { expect } from 'vitest';
import { analyzeGraph } from '../../../core/graph/analyze';
import { parseGraphText, serializeGraph } from '../../../core/graph/io';
import type { Graph } from '../../../core/graph/schema';

/** An imported graph is a valid v1 file: saved and opened again, it serializes to the same text. */
export function expectReopensIdentical(graph: Graph): void {
  const text = serializeGraph(graph);
  const reopened = parseGraphText(text);
  expect(reopened.ok && serializeGraph(reopened.graph)).toBe(text);
}

/** …and analysis finds no error, only the note that training needs a Loss added. */
export function expectValidImport(graph: Graph): void {
  expectReopensIdentical(graph);
  const problems = analyzeGraph(graph).problems;
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  expect(problems.map((p) => p.code)).toContain('no-loss');
}
