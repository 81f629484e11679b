import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../core/graph/analyze';
import { parseGraphObject, parseGraphText, serializeGraph } from '../../core/graph/io';
import type { Problem } from '../../core/graph/problem';
import { MAX_GRAPH_CHARS, MAX_GRAPH_DEPTH } from '../../core/graph/safety';
import { loadExample } from '../helpers/examples';

/*
 * Bad graph files, property-based: whatever the bytes, import never throws or hangs, and a refusal
 * always names the problem. Sized (numRuns) to finish in a few seconds.
 */
const EXAMPLES = ['xor-mlp', 'mnist-mlp', 'spiral-tanh', 'attention-sequence', 'mlp-add'].map((name) => JSON.stringify(loadExample(name)));

function expectUsable(problems: Problem[]): void {
  expect(problems.length).toBeGreaterThan(0);
  for (const p of problems) {
    expect(typeof p.path).toBe('string');
    expect(p.message.length).toBeGreaterThan(5);
    expect(p.code.length).toBeGreaterThan(0);
  }
}

/** Parse, and when it parses, analyse and save it again: the whole path a file takes in the app. */
function importFully(text: string): void {
  const r = parseGraphText(text);
  if (!r.ok) return expectUsable(r.problems);
  const analysis = analyzeGraph(r.graph);
  for (const p of analysis.problems) expect(p.message.length).toBeGreaterThan(5);
  const saved = serializeGraph(r.graph);
  const again = parseGraphText(saved);
  expect(again.ok).toBe(true);
  if (again.ok) expect(serializeGraph(again.graph)).toBe(saved);
}

/** A path into a JSON value, picked by random indices. */
function mutate(doc: unknown, picks: number[], replacement: unknown, op: 'set' | 'delete' | 'duplicate'): unknown {
  const root = structuredClone(doc);
  let cur: unknown = root;
  for (const pick of picks) {
    if (typeof cur !== 'object' || cur === null) break;
    const keys = Object.keys(cur);
    if (keys.length === 0) break;
    const key = keys[pick % keys.length]!;
    const child = (cur as Record<string, unknown>)[key];
    if (typeof child !== 'object' || child === null || pick % 3 === 0) {
      const container = cur as Record<string, unknown>;
      if (op === 'delete') delete container[key];
      else if (op === 'duplicate' && Array.isArray(container)) container.push(structuredClone(container[Number(key)]));
      else container[key] = replacement;
      return root;
    }
    cur = child;
  }
  return root;
}

describe('graph import fuzzing', () => {
  it('any string: never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => importFully(s)), { numRuns: 300 });
  });

  it('any JSON value: never throws, and an accepted graph saves and reopens identical', () => {
    fc.assert(fc.property(fc.json({ maxDepth: 6 }), (s) => importFully(s)), { numRuns: 300 });
  });

  it('valid graphs with random values set, keys deleted, nodes or edges duplicated: never throws', () => {
    const op = fc.constantFrom('set' as const, 'delete' as const, 'duplicate' as const);
    const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(-1, 0, 1e308, -0, 2 ** 53, '', 'Dense', 'in', null));
    fc.assert(
      fc.property(fc.constantFrom(...EXAMPLES), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), value, op, (text, picks, v, o) => {
        importFully(JSON.stringify(mutate(JSON.parse(text), picks, v, o)));
      }),
      { numRuns: 400 },
    );
  });

  it('a file over 50 MB is refused before it is parsed', () => {
    const huge = `{"format":"netloom-graph","version":1,"name":"${'x'.repeat(MAX_GRAPH_CHARS)}"}`;
    const r = parseGraphText(huge);
    expect(r).toMatchObject({ ok: false, problems: [{ code: 'too-large', message: expect.stringMatching(/over 50 MB are refused/) }] });
  });

  it('100,000 levels of nesting are refused with the place named, anywhere in the file', () => {
    let deep = '1';
    for (let i = 0; i < 100_000; i++) deep = `[${deep}]`;
    const base = EXAMPLES[0]!;
    for (const text of [
      base.replace(/}$/, `,"x-deep":${deep}}`),
      base.replace('"params":{}', `"params":{"deep":${deep}}`),
      `{"format":"netloom-graph","version":1,"nodes":${deep}}`,
      deep,
    ]) {
      const r = parseGraphText(text);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expectUsable(r.problems);
        expect(r.problems[0]!.code).toMatch(/too-deep|not-object/);
      }
    }
    expect(MAX_GRAPH_DEPTH).toBeLessThan(1000);
  });

  it('__proto__, constructor and prototype keys are refused and pollute nothing', () => {
    const key = fc.constantFrom('__proto__', 'constructor', 'prototype');
    fc.assert(
      fc.property(fc.constantFrom(...EXAMPLES), fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), key, (text, picks, k) => {
        // Insert `"<key>": {"polluted": true}` into a random object of the file, as raw JSON text.
        const doc = JSON.parse(text) as Record<string, unknown>;
        const marked = mutate(doc, picks, { __MARK__: true }, 'set');
        const raw = JSON.stringify(marked).replace('{"__MARK__":true}', `{"${k}":{"polluted":true,"prototype":{"polluted":true}}}`);
        const r = parseGraphText(raw);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect((Object.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined();
        if (raw.includes(`"${k}"`)) {
          expect(r.ok).toBe(false);
          // The key is refused by name — unless the mutation broke `format` itself, which is checked first.
          if (!r.ok) expect(r.problems.some((p) => (p.code === 'forbidden-key' && p.message.includes(k)) || p.code === 'format')).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
    const top = parseGraphText(EXAMPLES[0]!.replace(/}$/, ',"x-meta":{"__proto__":{"polluted":true}}}'));
    expect(top).toMatchObject({ ok: false, problems: [{ code: 'forbidden-key', path: 'x-meta.__proto__' }] });
  });

  it('numbers too large for a float (1e999 → Infinity) and NaN are refused, naming the field', () => {
    const r = parseGraphText(EXAMPLES[0]!.replace(/"lr":\s*[0-9.e-]+/, '"lr":1e999'));
    expect(r).toMatchObject({ ok: false, problems: [{ code: 'not-finite', path: expect.stringMatching(/training\.optimizer\.lr$/) }] });
    const doc = JSON.parse(EXAMPLES[0]!) as { nodes: { position: { x: number } }[] };
    doc.nodes[0]!.position.x = Number.NaN;
    expect(parseGraphObject(doc)).toMatchObject({ ok: false, problems: [{ code: 'not-finite', path: 'nodes[0].position.x' }] });
    expect(parseGraphText('{"format":"netloom-graph","version":1,"name":NaN}')).toMatchObject({ ok: false, problems: [{ code: 'json' }] });
  });

  it('an object that contains itself (possible over IPC, not in JSON) is refused', () => {
    const doc = JSON.parse(EXAMPLES[0]!) as Record<string, unknown>;
    (doc.training as Record<string, unknown>)['x-self'] = doc;
    expect(parseGraphObject(doc)).toMatchObject({ ok: false, problems: [{ code: 'cyclic', path: 'training.x-self' }] });
  });

  it('edges that form a cycle and duplicate ids are reported by the analysis, naming the node', () => {
    const doc = JSON.parse(EXAMPLES[0]!) as { nodes: { id: string }[]; edges: { id: string; source: string; target: string }[] };
    const last = doc.edges.at(-1)!;
    doc.edges.push({ id: 'back', source: last.target, target: doc.edges[0]!.target });
    doc.nodes.push(structuredClone(doc.nodes[1]!));
    const r = parseGraphObject(doc);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const codes = analyzeGraph(r.graph).problems.map((p) => p.code);
    expect(codes).toContain('duplicate-id');
    const cyclic = structuredClone(r.graph);
    cyclic.nodes.pop();
    const dense = cyclic.nodes.find((n) => n.type === 'Dense')!;
    const act = cyclic.edges.find((e) => e.source === dense.id)!;
    cyclic.edges.push({ id: 'loop', source: act.target, target: dense.id });
    const problems = analyzeGraph(cyclic).problems;
    expect(problems.some((p) => p.code === 'cycle' || p.code === 'port-taken')).toBe(true);
  });

  it('a 10,000-node graph imports, analyses and saves', () => {
    const nodes = [{ id: 'in', type: 'Input', params: {}, position: { x: 0, y: 0 } }];
    const edges = [];
    for (let i = 0; i < 9_998; i++) {
      nodes.push({ id: `a${i}`, type: 'Activation', params: { fn: 'relu' } as never, position: { x: i, y: 0 } });
      edges.push({ id: `e${i}`, source: i === 0 ? 'in' : `a${i - 1}`, target: `a${i}` });
    }
    nodes.push({ id: 'loss', type: 'Loss', params: {}, position: { x: 0, y: 1 } });
    const text = JSON.stringify({ format: 'netloom-graph', version: 1, name: 'big', nodes, edges });
    const r = parseGraphText(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.graph.nodes).toHaveLength(10_000);
    const analysis = analyzeGraph(r.graph);
    expect(analysis.structure.order).not.toBeNull();
    expect(parseGraphText(serializeGraph(r.graph)).ok).toBe(true);
  });
});
