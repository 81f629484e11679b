import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NODE_KIND_LIST } from '../../../core/catalog';
import { analyzeGraph } from '../../../core/graph/analyze';
import { formatProblem } from '../../../core/graph/problem';
import { load } from './graph-text';

const DOC = readFileSync(fileURLToPath(new URL('../../../docs/graph-format.md', import.meta.url)), 'utf8');

function section(title: string): string {
  const start = DOC.indexOf(`\n## ${title}\n`);
  expect(start, `section "${title}"`).toBeGreaterThanOrEqual(0);
  const end = DOC.indexOf('\n## ', start + 1);
  return DOC.slice(start, end < 0 ? undefined : end);
}

describe('docs/graph-format.md', () => {
  it('has a full example that is a valid graph with the shapes it states', () => {
    const json = /```json\n([\s\S]*?)```/.exec(section('A full example'))![1]!;
    const g = load(json);
    const a = analyzeGraph(g);
    expect(a.problems.map(formatProblem)).toEqual([]);
    expect(Object.fromEntries(a.shapes)).toMatchObject({ in: [2], d1: [8], a1: [8], cat: [10], d2: [1], a2: [1] });
    expect(g.nodes.every((n) => n.position !== undefined)).toBe(true);
    expect(g.edges.filter((e) => e.targetHandle !== undefined).map((e) => e.targetHandle)).toEqual(['a', 'b']);
  });

  it('lists the ports of every node type in the handles table', () => {
    const handles = section('Edges');
    for (const kind of NODE_KIND_LIST) {
      const row = handles.split('\n').find((l) => l.startsWith('|') && l.split('|')[1]!.includes(`\`${kind.type}\``));
      expect(row, kind.type).toBeDefined();
      for (const port of [...kind.inputs, ...kind.outputs]) expect(row, `${kind.type}.${port.name}`).toContain(`\`${port.name}\``);
    }
  });
});
