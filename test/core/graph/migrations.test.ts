import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../../../core/graph/io';
import { migrate, MIGRATIONS, type Migration } from '../../../core/graph/migrations';
import { formatProblem } from '../../../core/graph/problem';
import { GRAPH_VERSION } from '../../../core/graph/schema';
import { load, readFixture } from './graph-text';

/**
 * One case per entry of MIGRATIONS: a document of version `from` and the exact document it becomes.
 * Adding a migration without a case here fails the coverage test below.
 */
const CASES: Record<string, { input: Record<string, unknown>; expected: Record<string, unknown> }> = {
  0: {
    input: {
      format: 'netloom-graph',
      version: 0,
      name: 'v0',
      nodes: [{ id: 'in', kind: 'Input', params: {} }, { id: 'd', kind: 'Dense', params: { units: 1 }, label: 'out' }],
      links: [{ from: 'in', to: 'd' }, { id: 'keep', from: 'd', to: 'in', targetHandle: 'x' }],
      'x-kept': true,
    },
    expected: {
      format: 'netloom-graph',
      version: 1,
      name: 'v0',
      nodes: [{ id: 'in', type: 'Input', params: {} }, { id: 'd', type: 'Dense', params: { units: 1 }, label: 'out' }],
      edges: [{ id: 'e1', source: 'in', target: 'd' }, { id: 'keep', source: 'd', target: 'in', targetHandle: 'x' }],
      'x-kept': true,
    },
  },
};

describe('MIGRATIONS', () => {
  it('has a test case for every migration', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(MIGRATIONS).sort());
  });

  it('covers every version below the current one', () => {
    expect(Object.keys(MIGRATIONS).map(Number).sort((a, b) => a - b)).toEqual([...Array(GRAPH_VERSION).keys()]);
  });

  it.each(Object.keys(CASES))('migration from version %s gives the expected next version', (from) => {
    const { input, expected } = CASES[from]!;
    const before = structuredClone(input);
    expect(MIGRATIONS[Number(from)]!(input)).toEqual(expected);
    expect(input).toEqual(before); // the caller's document is not modified
  });

  it('v0 accepts edges already named "edges" as well as "links"', () => {
    const out = MIGRATIONS[0]!({ version: 0, nodes: [], edges: [{ from: 'a', to: 'b' }] });
    expect(out.edges).toEqual([{ id: 'e1', source: 'a', target: 'b' }]);
    expect(out).not.toHaveProperty('links');
  });

  it('v0 leaves shapes it does not recognise for the schema to report', () => {
    const out = MIGRATIONS[0]!({ version: 0, nodes: [42, { id: 'x', type: 'Input' }], links: 'nope' });
    expect(out).toEqual({ version: 1, nodes: [42, { id: 'x', type: 'Input' }], edges: [] });
  });
});

describe('parseGraphText with an old file', () => {
  it('migrates the v0 fixture to the hand-written v1 graph and reports migratedFrom 0', () => {
    const r = parseGraphText(readFixture('v0/xor-v0.json'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.migratedFrom).toBe(0);
    expect(r.graph).toEqual(load(readFixture('v0/xor-v1.json')));
  });

  it('does not report a migration for a current file', () => {
    const r = parseGraphText(readFixture('v0/xor-v1.json'));
    expect(r.ok && r.migratedFrom).toBe(undefined);
  });

  it('refuses a newer version and tells the user to update', () => {
    const text = readFixture('v0/xor-v1.json').replace('"version": 1', `"version": ${GRAPH_VERSION + 6}`);
    const r = parseGraphText(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map(formatProblem)).toEqual([
      `version: this file is graph format version ${GRAPH_VERSION + 6}, newer than this NetLoom understands (up to ${GRAPH_VERSION}); update NetLoom to open it`,
    ]);
  });

  it.each([['-1', '-1'], ['"1"', '"1"'], ['1.5', '1.5']])('refuses version %s', (raw, shown) => {
    const r = parseGraphText(readFixture('v0/xor-v1.json').replace('"version": 1', `"version": ${raw}`));
    expect(!r.ok && r.problems.map(formatProblem)).toEqual([`version: must be a non-negative integer, got ${shown}`]);
  });
});

describe('migrate() chain', () => {
  const tag = (n: number): Migration => (doc) => ({ ...doc, version: n + 1, steps: [...(doc.steps as number[]), n] });
  const chain = { 0: tag(0), 1: tag(1), 2: tag(2) };

  it('runs each step in order from the file version to the latest', () => {
    const r = migrate({ version: 1, steps: [] }, chain, 3);
    expect(r).toEqual({ ok: true, doc: { version: 3, steps: [1, 2] }, migratedFrom: 1 });
  });

  it('says which step is missing when a link of the chain is absent', () => {
    expect(migrate({ version: 0, steps: [] }, { 0: tag(0), 2: tag(2) }, 3)).toEqual({
      ok: false,
      message: 'no migration from graph format version 1 to 2',
    });
  });
});
