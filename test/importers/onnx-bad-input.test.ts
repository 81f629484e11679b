import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importOnnx } from '../../core/importers/onnx';
import { onnx } from '../../core/onnx/proto';

/**
 * Bad bytes never crash the importer: any prefix of a real model, any model with bytes changed, and
 * any random bytes give either a graph or problems with a message — never an exception.
 */
const model = new Uint8Array(readFileSync(fileURLToPath(new URL('../fixtures/onnx/models/add_concat_op17.onnx', import.meta.url))));

function outcome(bytes: Uint8Array): 'ok' | 'refused' {
  const r = importOnnx(bytes, { fileName: 'm.onnx' });
  if (r.ok) return 'ok';
  expect(r.problems.length).toBeGreaterThan(0);
  for (const p of r.problems) expect(p.message.length).toBeGreaterThan(5);
  return 'refused';
}

describe('ONNX import of damaged files', () => {
  it('refuses every truncation of a real model with a message', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: model.length - 1 }), (n) => {
      expect(outcome(model.subarray(0, n))).toBe('refused');
    }), { numRuns: 150 });
  });

  it('never throws on corrupted bytes or random data', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(model.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (edits) => {
      const bytes = Uint8Array.from(model);
      for (const [at, value] of edits) bytes[at] = value;
      outcome(bytes);
    }), { numRuns: 150 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
      expect(outcome(bytes)).toBe('refused');
    }), { numRuns: 150 });
  });

  it('names an empty file and a weights file given by mistake', () => {
    const empty = importOnnx(new Uint8Array(0), { fileName: 'm.onnx' });
    expect(!empty.ok && empty.problems[0]!.message).toBe('m.onnx is empty');
    const safetensors = new Uint8Array([16, 0, 0, 0, 0, 0, 0, 0, ...new TextEncoder().encode('{"__metadata__":{}}')]);
    const r = importOnnx(safetensors, { fileName: 'w.safetensors' });
    expect(!r.ok && r.problems[0]!.message).toMatch(/^w\.safetensors is not (an|a complete) ONNX model/);
  });

  it('imports nodes listed out of topological order into the same network', () => {
    const m = onnx.ModelProto.decode(model);
    const sorted = importOnnx(model);
    m.graph!.node = [...(m.graph!.node ?? [])].reverse();
    const shuffled = importOnnx(onnx.ModelProto.encode(m).finish());
    expect(shuffled.ok && sorted.ok).toBe(true);
    if (shuffled.ok && sorted.ok) {
      // Independent branches may come out in another order; the nodes, wires and weights are the same.
      const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(shuffled.graph.nodes)).toEqual(byId(sorted.graph.nodes));
      const wires = (g: typeof sorted.graph) => g.edges.map((e) => `${e.source}→${e.target}:${e.targetHandle ?? ''}`).sort();
      expect(wires(shuffled.graph)).toEqual(wires(sorted.graph));
      const byName = (ws: typeof sorted.weights) => [...ws].sort((a, b) => a.name.localeCompare(b.name));
      expect(byName(shuffled.weights)).toEqual(byName(sorted.weights));
    }
  });
});
