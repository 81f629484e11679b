import { describe, expect, it } from 'vitest';
import { classify } from './onnx-conformance-reasons';
import { EXPECTED, SUITE_ONNX_VERSION } from './onnx-conformance-expectations';
import { ensureNodeSuite, inScope, listCases, onnxVersion, runCase, type NodeCase } from './helpers/onnx-node-suite';

/**
 * ONNX's backend node test suite through the importer: every case whose ops NetLoom imports either
 * predicts ONNX's reference output (allclose rtol 1e-4, atol 1e-5) or is refused for the reason the
 * reviewed table gives. A case that imports and computes a different number fails whatever the table
 * says: a silent wrong answer is the worst outcome.
 */
const version = onnxVersion();
const cases: NodeCase[] = version ? listCases(ensureNodeSuite(version)).filter(inScope) : [];

describe.skipIf(!version)('ONNX backend node tests (skipped: /usr/bin/python3 has no onnx module — apt-get install python3-onnx)', () => {
  it(`the in-scope cases are exactly the reviewed table's (onnx ${SUITE_ONNX_VERSION})`, () => {
    const names = cases.map((c) => c.name);
    expect(names.filter((n) => !(n in EXPECTED)), 'cases missing from onnx-conformance-expectations.ts').toEqual([]);
    expect(Object.keys(EXPECTED).filter((n) => !names.includes(n)), 'table entries with no such case').toEqual([]);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const outcome = runCase(c, true);
    const want = EXPECTED[name];
    if (outcome.kind === 'wrong' || outcome.kind === 'error') throw new Error(`${outcome.kind}: ${outcome.message}`);
    if (outcome.kind === 'pass') expect('pass', `imports and predicts right; the table says "${want}"`).toBe(want);
    else expect(classify(outcome.message), `refused: ${outcome.message}`).toBe(want);
  });

  it('a case with several graph inputs, imported as written, is refused naming them (one Input per graph)', () => {
    const multi = cases.filter((c) => {
      const init = new Set((c.model.graph?.initializer ?? []).map((t) => t.name));
      return (c.model.graph?.input ?? []).filter((i) => !init.has(i.name)).length > 1;
    });
    expect(multi.length).toBeGreaterThan(50);
    for (const c of multi) {
      const o = runCase(c, false);
      expect(o.kind, c.name).toBe('refused');
      if (o.kind === 'refused') expect(o.message, c.name).toMatch(/the model has \d+ data inputs \("/);
    }
  });
});
