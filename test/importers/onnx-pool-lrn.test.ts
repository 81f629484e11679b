/**
 * ONNX import of every pooling and LRN path: partial last windows (ceil_mode), uneven pads, SAME_LOWER,
 * count_include_pad both ways, LRN; Caffe-style networks built with onnx.helper (LRN, MaxPool pads
 * [0, 0, 1, 1], grouped Conv + Relu, Dropout, Gemm) checked against onnxruntime; and ONNX's own backend
 * node cases for MaxPool, AveragePool and LRN checked against their saved outputs. The models come from
 * test/fixtures/onnx/make_classic_models.py (run into a temp cache).
 */
import { describe, expect, it } from 'vitest';
import { expectReopensIdentical } from './helpers/imported-graph';
import { importOnnx } from '../../core/importers/onnx';
import { expectedOutput, generateModels, importAndPredict, missingTools, readBytes, type Generated } from './helpers/classic-models';
import { maxRelativeError } from './helpers/relative-error';

const PARTS = ['helper', 'node'];
const missing = missingTools(PARTS);
const models: Generated = missing ? { dir: '', cases: [] } : generateModels(PARTS);

/** Backend node cases NetLoom refuses, and a word the refusal must contain. */
const REFUSED: Record<string, string> = {
  test_maxpool_2d_uint8: 'data type',
  test_maxpool_3d_default: '3-D',
  test_averagepool_3d_default: '3-D',
  test_maxpool_with_argmax_2d_precomputed_pads: 'argmax',
  test_maxpool_with_argmax_2d_precomputed_strides: 'argmax',
};

describe.skipIf(missing !== null)(`ONNX pooling and LRN import${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('covers the ceil, pads, SAME_LOWER, divisor and LRN paths and the backend node cases', () => {
    const names = models.cases.map((c) => c.name);
    for (const n of ['caffenet_style', 'googlenet_style', 'maxpool2d_ceil', 'maxpool2d_pads_0011', 'avgpool2d_ceil_exclude', 'avgpool2d_ceil_include', 'avgpool2d_same_lower_exclude', 'conv2d_same_lower_odd', 'lrn_chw', 'lrn_default_attrs']) expect(names).toContain(n);
    for (const n of ['test_averagepool_2d_ceil', 'test_maxpool_2d_ceil', 'test_averagepool_2d_same_lower', 'test_averagepool_2d_pads', 'test_lrn', 'test_lrn_default', 'test_maxpool_2d_dilations']) expect(names).toContain(n);
  });

  const accepted = models.cases.filter((c) => !(c.name in REFUSED));
  it.each(accepted.map((c) => [c.name, c] as const))('%s imports and predicts like the reference', async (_name, c) => {
    const { graph, x, y } = importAndPredict(models.dir, c);
    // The imported graph saves and reopens identical (the new params included).
    expectReopensIdentical(graph);
    const want = await expectedOutput(models.dir, c, x);
    expect(y.shape).toEqual(want.shape);
    if (/drop_last/.test(c.name)) expect(want.shape).toEqual([2, 2, 3]);
    expect(maxRelativeError(y.data, want.data), `max relative error, ${c.name} (${c.source})`).toBeLessThan(1e-4);
    // The models meant to need them really use the new params (not something that happens to agree).
    const params = graph.nodes.map((n) => n.params ?? {});
    if (/ceil/.test(c.name) && !/nopad|drop_last/.test(c.name)) expect(params.some((p) => p.ceilMode === true), 'ceilMode').toBe(true);
    if (/exclude|test_averagepool_2d_(pads|same_lower|same_upper|precomputed_same_upper)$/.test(c.name)) expect(params.some((p) => p.countIncludePad === false), 'countIncludePad').toBe(true);
    if (/uneven|0011|same_lower_odd|caffenet/.test(c.name)) expect(params.some((p) => Array.isArray(p.padding)), 'per-side padding').toBe(true);
  });

  it.each(Object.entries(REFUSED))('%s is refused, naming the node and why', (name, word) => {
    const c = models.cases.find((m) => m.name === name)!;
    const r = importOnnx(readBytes(models.dir, c.model));
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.problems.map((p) => p.message).join('\n')).toContain(word);
  });
});
